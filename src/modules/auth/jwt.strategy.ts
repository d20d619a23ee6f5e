import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { Principal } from '../../common/authz/principal';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuthService, TokenPayload } from './auth.service';
import { JWT_AUDIENCE, JWT_CLOCK_SKEW_SECONDS, JWT_ISSUER, jwtKey } from './jwt-options';

/** Bearer tokens: HS256 only (alg none and others refused), issuer and audience checked, 30 s skew. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // passport-jwt passes the key straight to jsonwebtoken, which takes a KeyObject; its typings predate that.
      secretOrKey: jwtKey(config.secrets.jwtSecret) as unknown as Buffer,
      algorithms: ['HS256'],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      ignoreExpiration: false,
      jsonWebTokenOptions: { clockTolerance: JWT_CLOCK_SKEW_SECONDS, maxAge: `${config.jwtTtlSeconds + JWT_CLOCK_SKEW_SECONDS}s` },
    });
  }

  async validate(payload: TokenPayload & { exp: number }): Promise<Principal> {
    const principal = await this.auth.principalFor(payload);
    if (!principal) throw new DomainError(ErrorCode.UNAUTHENTICATED);
    return principal;
  }
}
