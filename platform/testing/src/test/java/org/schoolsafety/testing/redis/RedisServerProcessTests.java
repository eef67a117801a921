package org.schoolsafety.testing.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RedisServerProcessTests {

    @Test
    void startsARealServerOnAFreePortThatStoresAndReturnsValues() throws IOException {
        try (RedisServerProcess server = RedisServerProcess.start()) {
            assertThat(command(server, "SET ssn:probe 42")).startsWith("+OK");
            assertThat(command(server, "GET ssn:probe")).startsWith("$2\r\n42");
        }
    }

    @Test
    void theBundledBinaryRunsWhereNoRedisServerIsInstalled() throws IOException {
        try (RedisServerProcess server = RedisServerProcess.start(0, RedisServerProcess.bundledBinary())) {
            assertThat(server.executable()).contains("ssn-redis-server-");
            assertThat(command(server, "PING")).startsWith("+PONG");
        }
    }

    @Test
    void twoServersAreIsolatedFromEachOther() throws IOException {
        try (RedisServerProcess one = RedisServerProcess.start();
                RedisServerProcess two = RedisServerProcess.start()) {
            assertThat(one.port()).isNotEqualTo(two.port());
            command(one, "SET only-in-one yes");
            assertThat(command(two, "EXISTS only-in-one")).startsWith(":0");
        }
    }

    @Test
    void closeStopsTheProcess() {
        RedisServerProcess server = RedisServerProcess.start();
        server.close();
        assertThat(server.isAlive()).isFalse();
    }

    private static String command(RedisServerProcess server, String inline) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.host(), server.port()), 1000);
            socket.setSoTimeout(2000);
            socket.getOutputStream().write((inline + "\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] buffer = new byte[256];
            int read = socket.getInputStream().read(buffer);
            return new String(buffer, 0, Math.max(read, 0), StandardCharsets.US_ASCII);
        }
    }
}
