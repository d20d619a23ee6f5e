import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { BearerStrategy } from '../../common/authz/passport-auth';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AgencyModule } from '../agencies/agency.module';
import { TableModule } from '../tables/table.module';
import { AuthController } from './auth.controller';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { JWT_AUDIENCE, JWT_ISSUER, jwtKey } from './jwt-options';
import { JwtStrategy } from './jwt.strategy';
import { LocalStrategy } from './local.strategy';
import { PasswordHasher } from './password-hasher';
import { PasswordRules } from './password-rules';
import { PrincipalCache } from './principal-cache';

@Module({
  imports: [
    AgencyModule,
    TableModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: jwtKey(config.secrets.jwtSecret),
        signOptions: { algorithm: 'HS256', expiresIn: config.jwtTtlSeconds, issuer: JWT_ISSUER, audience: JWT_AUDIENCE },
        verifyOptions: { algorithms: ['HS256'], issuer: JWT_ISSUER, audience: JWT_AUDIENCE },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    AuthRepository,
    PasswordHasher,
    PasswordRules,
    JwtStrategy,
    LocalStrategy,
    PrincipalCache,
    // the AccessGuard (common/authz) authenticates every request with this application's JWT strategy
    { provide: BearerStrategy, useExisting: JwtStrategy },
  ],
  exports: [AuthService, PasswordHasher, PasswordRules, AuthRepository, PrincipalCache, BearerStrategy],
})
export class AuthModule {}
