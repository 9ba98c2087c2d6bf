import { Body, Controller, Get, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthRateLimit } from '../common/rate-limit.guard.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { SESSION_COOKIE } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { CurrentPrincipal, Public, Roles, SessionOnly } from './decorators.js';
import { LoginDto, RegisterDto } from './dto/credentials.dto.js';
import { userView } from './dto/user.view.js';
import type { Principal } from './principal.js';
import { UsersService } from './users.service.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('register')
  @Public()
  @AuthRateLimit('register')
  async register(@Body() body: RegisterDto, @Res({ passthrough: true }) res: Response) {
    const { user, token, expiresAt } = await this.auth.register(body);
    this.setCookie(res, token, expiresAt);
    return userView(user);
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @AuthRateLimit('login')
  async login(@Body() body: LoginDto, @Res({ passthrough: true }) res: Response) {
    const { user, token, expiresAt } = await this.auth.login(body.email, body.password);
    this.setCookie(res, token, expiresAt);
    return userView(user);
  }

  @Post('logout')
  @Roles('user')
  @SessionOnly()
  @HttpCode(204)
  async logout(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: Response) {
    await this.auth.logout(principal.sessionId!);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('me')
  @Roles('user')
  async me(@CurrentPrincipal() principal: Principal) {
    return userView(await this.users.get(principal.userId));
  }

  private setCookie(res: Response, token: string, expires: Date): void {
    res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.cookieSecure,
      expires,
      path: '/',
    });
  }
}
