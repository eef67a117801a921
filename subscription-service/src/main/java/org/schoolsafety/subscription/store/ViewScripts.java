package org.schoolsafety.subscription.store;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/** Runs one view script per record, all in one pipelined round trip (a replay applies thousands). */
public final class ViewScripts {

    private ViewScripts() {}

    /** Evaluates {@code script} once per argument list, without keys, pipelined. */
    public static void evalEach(StringRedisTemplate redis, RedisScript<?> script, List<List<byte[]>> argumentLists) {
        if (argumentLists.isEmpty()) {
            return;
        }
        byte[] source = script.getScriptAsString().getBytes(StandardCharsets.UTF_8);
        redis.executePipelined((RedisCallback<Object>) connection -> {
            for (List<byte[]> arguments : argumentLists) {
                connection.scriptingCommands().eval(source, ReturnType.INTEGER, 0, arguments.toArray(byte[][]::new));
            }
            return null;
        });
    }

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
