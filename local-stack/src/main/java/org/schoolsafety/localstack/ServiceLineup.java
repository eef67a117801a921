package org.schoolsafety.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.schoolsafety.localstack.issuer.DevIssuerApplication;

/** The services the stack runs and the arguments that point each at the stack's broker, Redis, sinks and issuer. */
final class ServiceLineup {

    private ServiceLineup() {}

    /** Every service as a process (not started), the gateway last, with the arguments that wire it to the stack. */
    static List<ServiceProcess> of(StackOptions options, String bootstrap, int redisPort, String sinkUrl) {
        String[] names = {
            "alert-service", "subscription-service", "bulletin-service", "cyber-threat-service", "delivery-service"
        };
        List<String> common = List.of(
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--server.address=127.0.0.1",
                "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=" + redisPort,
                "--ssn.local-stack.sink-url=" + sinkUrl,
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + options.smtpPort(),
                // webhooks to the local sink on the loopback address pass the SSRF check, here only
                "--ssn.webhooks.allowed-hosts=127.0.0.1",
                // links in emails, SMS and the alert feed point at this gateway; one key per stack run, shared by
                // every service
                "--ssn.links.base-url=http://127.0.0.1:" + options.gatewayPort(),
                "--ssn.links.signing-key=" + linkKey(),
                "--ssn.security.issuer=" + DevIssuerApplication.issuerUrl(options.issuerPort()),
                "--ssn.security.jwk-set-uri=" + DevIssuerApplication.jwkSetUri(options.issuerPort()));
        List<ServiceProcess> services = new ArrayList<>();
        List<String> gatewayArgs = new ArrayList<>(common);
        gatewayArgs.add("--server.port=" + options.gatewayPort());
        String[] routeKeys = {"alert", "subscription", "bulletin", "cyber-threat", "delivery"};
        for (int i = 0; i < names.length; i++) {
            List<String> args = new ArrayList<>(common);
            args.add("--server.port=" + options.servicePorts()[i]);
            args.add("--ssn.instance-id=" + names[i] + "-1");
            if (names[i].equals("delivery-service")) {
                // the sink stands in for a Twilio-compatible SMS provider; it checks no credentials
                args.add("--ssn.delivery.sms.base-url=" + sinkUrl);
                args.add("--ssn.delivery.sms.account-sid=AClocal");
                args.add("--ssn.delivery.sms.auth-token=local-stack-token");
                args.add("--ssn.delivery.sms.from=+15005550006");
            }
            services.add(process(options, names[i], options.servicePorts()[i], args));
            gatewayArgs.add(
                    "--ssn.gateway.services." + routeKeys[i] + "=http://127.0.0.1:" + options.servicePorts()[i]);
        }
        gatewayArgs.add("--ssn.instance-id=gateway-1");
        services.add(process(options, "gateway", options.gatewayPort(), gatewayArgs));
        return services;
    }

    private static String linkKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    private static ServiceProcess process(StackOptions options, String name, int port, List<String> args) {
        Path jar = options.projectDir().resolve(name).resolve("target").resolve(name + ".jar");
        return new ServiceProcess(name, port, jar, args, options.logDir(), options.serviceHeap());
    }
}
