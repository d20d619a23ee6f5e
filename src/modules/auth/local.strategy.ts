import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import type { AppRequest } from '../../common/authz/request-context';
import { AuthService, LoginResult } from './auth.service';

/** E-mail and password sign-in; the result (token and principal) becomes `request.user`. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true, session: false });
  }

  validate(req: AppRequest, email: string, password: string): Promise<LoginResult> {
    return this.auth.login(email, password, String(req.id));
  }
}
