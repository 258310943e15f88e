package io.autopilot.certificates;

import java.security.Provider;
import java.security.SecureRandom;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The Bouncy Castle provider instance this function uses, passed explicitly to every JCA call, and the randomness
 * every key and signature uses. Our own instance rather than the registered "BC": in a shared JVM (the one-process
 * runtime, Quarkus tests) that one may come from another class loader, and its key classes would then fail
 * {@code instanceof} checks against ours.
 */
public final class Crypto {

    private static final Provider PROVIDER;

    static {
        PROVIDER = new BouncyCastleProvider();
        // Bouncy Castle's composite key generators and signers look their ML-DSA/EC components up by the name "BC":
        // one must be registered, whichever class loader it came from (components are used only through JCA types).
        if (java.security.Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            java.security.Security.addProvider(PROVIDER);
        }
    }

    private Crypto() {
    }

    public static Provider provider() {
        return PROVIDER;
    }

    /**
     * A fresh {@link SecureRandom} for signing and key generation. Bouncy Castle signs ML-DSA deterministically unless
     * given one; FIPS 204 makes the hedged variant the default, so every signer here gets this.
     */
    public static SecureRandom random() {
        return new SecureRandom();
    }
}
