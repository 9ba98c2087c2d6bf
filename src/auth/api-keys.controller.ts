import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiKeysService } from './api-keys.service.js';
import { CurrentPrincipal, Roles, SessionOnly } from './decorators.js';
import { CreateApiKeyDto } from './dto/api-key.dto.js';
import { apiKeyView } from './dto/user.view.js';
import type { Principal } from './principal.js';

@ApiTags('auth')
@Controller('auth/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  /** The secret is in this response only. */
  @Post()
  @Roles('user')
  @SessionOnly()
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateApiKeyDto) {
    const { key, secret } = await this.apiKeys.create(principal.userId, body.name);
    return { ...apiKeyView(key), secret };
  }

  @Get()
  @Roles('user')
  async list(@CurrentPrincipal() principal: Principal) {
    return { data: (await this.apiKeys.list(principal.userId)).map(apiKeyView) };
  }

  @Delete(':id')
  @Roles('user')
  async revoke(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string) {
    return apiKeyView(await this.apiKeys.revoke(principal.userId, id));
  }
}
