package dev.microkit.testsupport.security;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Signs JWTs as the demo's issuer does (RS256, {@code scope} claim) with a key pair of
 * its own, for a sample's tests that run without the issuer's process: the service checks
 * them with {@link #decoder()} in place of the issuer's keys. The demo's tests use the
 * real issuer.
 */
public final class TestJwtIssuer {

	public static final String ISSUER = "http://issuer.test";

	private static final TestJwtIssuer SHARED = new TestJwtIssuer();

	private final RSAPublicKey publicKey;

	private final NimbusJwtEncoder encoder;

	public TestJwtIssuer() {
		KeyPair keys = generate();
		this.publicKey = (RSAPublicKey) keys.getPublic();
		RSAKey key = new RSAKey.Builder(this.publicKey).privateKey((RSAPrivateKey) keys.getPrivate())
			.keyID(UUID.randomUUID().toString())
			.build();
		this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
	}

	/**
	 * The issuer whose tokens a service checks when its test imports
	 * {@link TestJwtDecoderConfiguration}.
	 * @return the one issuer of this JVM's tests
	 */
	public static TestJwtIssuer shared() {
		return SHARED;
	}

	private static KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Checks tokens of this issuer: signature, expiry.
	 */
	public JwtDecoder decoder() {
		return NimbusJwtDecoder.withPublicKey(this.publicKey).build();
	}

	/**
	 * A token of a client with these scopes, valid for five minutes.
	 */
	public String token(String... scopes) {
		Instant now = Instant.now();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(ISSUER)
			.subject("test-client")
			.issuedAt(now)
			.expiresAt(now.plus(Duration.ofMinutes(5)))
			.claim("scope", String.join(" ", scopes))
			.build();
		return this.encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
			.getTokenValue();
	}

	/**
	 * The {@code Authorization} header value of {@link #token}.
	 */
	public String authorization(String... scopes) {
		return "Bearer " + token(scopes);
	}

}
