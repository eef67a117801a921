package org.schoolsafety.delivery.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.schoolsafety.platform.security.PublicAddresses;

/**
 * Resolves a webhook's host once per connection and hands the HTTP client exactly the addresses it checked: every
 * one must be public, unless the host is allow-listed ({@code ssn.webhooks.allowed-hosts}). A name that resolved
 * to a public address when the endpoint was added and to a private one now (DNS rebinding) is refused here, and
 * the connection goes to no address the check did not see. TLS still verifies the host name.
 */
final class GuardedDnsResolver implements DnsResolver {

    /** The host resolves to an address the platform does not send to. */
    static final class BlockedAddressException extends UnknownHostException {
        BlockedAddressException(String host) {
            super(host + " resolves to a loopback, private, link-local or metadata address");
        }
    }

    private final Set<String> allowedHosts;

    GuardedDnsResolver(Set<String> allowedHosts) {
        this.allowedHosts = Set.copyOf(allowedHosts);
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
        if (!allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
            for (InetAddress address : addresses) {
                if (!PublicAddresses.isPublic(address)) {
                    throw new BlockedAddressException(host);
                }
            }
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }
}
