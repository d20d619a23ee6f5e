import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, Public, RateLimit } from '../../common/authz/access-rule';
import type { Actor, Principal } from '../../common/authz/principal';
import { AppRequest, CurrentActor, CurrentUser } from '../../common/authz/request-context';
import { AllowWithTemporaryPassword } from '../../common/authz/temporary-password';
import { ChangePasswordDto, LoginDto, LoginResponse, mapPrincipal, UserView } from './auth.dto';
import { AuthService, LoginResult } from './auth.service';
import { LoginGuard } from './login.guard';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @RateLimit('login')
  @HttpCode(200)
  @UseGuards(LoginGuard)
  @ApiOkResponse({ type: LoginResponse })
  login(@Body() _body: LoginDto, @Req() req: AppRequest): LoginResponse {
    const result = req.user as unknown as LoginResult;
    return { accessToken: result.accessToken, expiresIn: result.expiresIn, passwordChangeRequired: result.passwordChangeRequired, user: mapPrincipal(result.principal) };
  }

  @Post('logout')
  @Authenticated()
  @AllowWithTemporaryPassword()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse()
  async logout(@CurrentUser() user: Principal, @CurrentActor() actor: Actor): Promise<void> {
    await this.auth.logout(user, actor);
  }

  /** The signed-in user chooses their own password; their other tokens are revoked, this one goes on. */
  @Post('password')
  @Authenticated()
  @AllowWithTemporaryPassword()
  @RateLimit('login')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse()
  async changePassword(@CurrentUser() user: Principal, @CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(user, actor, dto.currentPassword, dto.newPassword);
  }

  @Get('me')
  @Authenticated()
  @AllowWithTemporaryPassword()
  @ApiBearerAuth()
  @ApiOkResponse({ type: UserView })
  me(@CurrentUser() user: Principal): UserView {
    return mapPrincipal(user);
  }
}
