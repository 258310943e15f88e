package io.autopilot.audit.note;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import org.bouncycastle.jcajce.interfaces.EdDSAPrivateKey;
import org.bouncycastle.jcajce.interfaces.MLDSAPrivateKey;

/**
 * The log's two private keys, read from files: {@code ed25519.key} and {@code mldsa44.key}, each a PEM
 * {@code PRIVATE KEY} (PKCS#8; ML-DSA-44 in the RFC 9881 seed-only form). In a cluster the directory is a mounted
 * Kubernetes Secret (read-only); on one machine, when both files are absent and generation is allowed, a fresh pair
 * is written with owner-only permissions (directory 0700, files 0600). The key material never leaves this class
 * except into a signature: {@link #toString()} names the public keys only.
 */
public final class LogKeys {

    public static final String ED25519_FILE = "ed25519.key";
    public static final String MLDSA44_FILE = "mldsa44.key";
    public static final String COSIGNER_SUFFIX = "/mldsa44";

    private final PrivateKey ed25519;
    private final PrivateKey mlDsa44;
    private final NoteKey ed25519Public;
    private final NoteKey mlDsa44Public;

    private LogKeys(String origin, PrivateKey ed25519, PrivateKey mlDsa44) {
        this.ed25519 = ed25519;
        this.mlDsa44 = mlDsa44;
        PublicKey edPub = ((EdDSAPrivateKey) ed25519).getPublicKey();
        PublicKey mlPub = ((MLDSAPrivateKey) mlDsa44).getPublicKey();
        this.ed25519Public = new NoteKey(origin, NoteKey.ED25519, NoteCrypto.rawPublicKey(edPub));
        this.mlDsa44Public = new NoteKey(origin + COSIGNER_SUFFIX, NoteKey.MLDSA44_COSIGNATURE, NoteCrypto.rawPublicKey(mlPub));
    }

    /** What happened when the keys were loaded, for one log line that names no secret. */
    public enum Origin { READ, GENERATED }

    public record Loaded(LogKeys keys, Origin origin) {
    }

    /**
     * Reads both keys from {@code dir}; when neither exists and {@code generate} is true, generates them first. One
     * present without the other is an error: silently replacing half a key set would fork the log's identity.
     */
    public static Loaded load(Path dir, String origin, boolean generate, SecureRandom random) throws IOException {
        Path ed = dir.resolve(ED25519_FILE);
        Path ml = dir.resolve(MLDSA44_FILE);
        Origin how = Origin.READ;
        if (!Files.exists(ed) && !Files.exists(ml)) {
            if (!generate) {
                throw new IOException("no checkpoint keys in " + dir + " (" + ED25519_FILE + ", " + MLDSA44_FILE
                        + ") and key generation is off");
            }
            generate(dir, random);
            how = Origin.GENERATED;
        } else if (!Files.exists(ed) || !Files.exists(ml)) {
            throw new IOException("only one of " + ED25519_FILE + " and " + MLDSA44_FILE + " exists in " + dir
                    + "; restore the other or remove both to generate a new log identity");
        }
        try {
            return new Loaded(new LogKeys(origin, readPrivate(ed, "Ed25519"), readPrivate(ml, "ML-DSA-44")), how);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IOException("checkpoint keys in " + dir + " cannot be read: " + e.getClass().getSimpleName());
        }
    }

    public static LogKeys of(String origin, KeyPair ed25519, KeyPair mlDsa44) {
        return new LogKeys(origin, ed25519.getPrivate(), mlDsa44.getPrivate());
    }

    public static KeyPair newPair(String algorithm, SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm, NoteCrypto.BC);
            g.initialize(algorithm.equals("Ed25519") ? new org.bouncycastle.jcajce.spec.EdDSAParameterSpec("Ed25519")
                    : org.bouncycastle.jcajce.spec.MLDSAParameterSpec.ml_dsa_44, random);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate " + algorithm, e);
        }
    }

    private static void generate(Path dir, SecureRandom random) throws IOException {
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: rely on its defaults
        }
        KeyPair ed = newPair("Ed25519", random);
        KeyPair ml = newPair("ML-DSA-44", random);
        PrivateKey mlPrivate = ((MLDSAPrivateKey) ml.getPrivate()).getPrivateKey(true);
        writeOwnerOnly(dir.resolve(ED25519_FILE), pem(ed.getPrivate().getEncoded()));
        writeOwnerOnly(dir.resolve(MLDSA44_FILE), pem(mlPrivate.getEncoded()));
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("could not create " + tmp);
        }
        Files.writeString(tmp, content, StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String pem(byte[] der) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END PRIVATE KEY-----\n";
    }

    private static PrivateKey readPrivate(Path file, String algorithm) throws IOException, GeneralSecurityException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String base64 = text.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        return KeyFactory.getInstance(algorithm, NoteCrypto.BC)
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    PrivateKey ed25519Private() {
        return ed25519;
    }

    PrivateKey mlDsa44Private() {
        return mlDsa44;
    }

    public NoteKey ed25519Public() {
        return ed25519Public;
    }

    public NoteKey mlDsa44Public() {
        return mlDsa44Public;
    }

    @Override
    public String toString() {
        return "LogKeys[" + ed25519Public.name() + ", " + mlDsa44Public.name() + "]";
    }
}
