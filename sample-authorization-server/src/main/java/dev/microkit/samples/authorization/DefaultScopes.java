package dev.microkit.samples.authorization;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * A client that asks for a token with client credentials and no {@code scope} gets every
 * scope it is registered with, as most issuers do (Spring Authorization Server would
 * grant none): {@code curl -u demo-client:demo-secret -d grant_type=client_credentials}
 * then gives a token the samples accept.
 */
@Component
class DefaultScopes implements OAuth2TokenCustomizer<JwtEncodingContext> {

	@Override
	public void customize(JwtEncodingContext context) {
		if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())
				&& AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())
				&& context.getAuthorizedScopes().isEmpty()) {
			context.getClaims().claim(OAuth2ParameterNames.SCOPE, context.getRegisteredClient().getScopes());
		}
	}

}
