package io.integr8s.api.notification;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The name resolution of one post: the receiver's host resolves to the address that was checked, without asking DNS
 * again (a second answer could point elsewhere: DNS rebinding); any other name does not resolve. The connection keeps
 * the host name, so the Host header, TLS server name and certificate check use it.
 */
final class PinnedAddressResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    private final Receiver receiver;

    PinnedAddressResolverGroup(Receiver receiver) {
        this.receiver = receiver;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new InetSocketAddressResolver(executor, new InetNameResolver(executor) {
            @Override
            protected void doResolve(String host, Promise<InetAddress> promise) {
                if (receiver.host().equalsIgnoreCase(host)) {
                    promise.setSuccess(receiver.address());
                } else {
                    promise.setFailure(new UnknownHostException(host + " is not the checked receiver host"));
                }
            }

            @Override
            protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
                if (receiver.host().equalsIgnoreCase(host)) {
                    promise.setSuccess(List.of(receiver.address()));
                } else {
                    promise.setFailure(new UnknownHostException(host + " is not the checked receiver host"));
                }
            }
        });
    }
}
