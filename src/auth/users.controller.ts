import { Controller, Delete, Get, Param, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { decodeOffsetCursor, offsetPage, PageQueryDto } from '../common/pagination.js';
import { CurrentPrincipal, Roles } from './decorators.js';
import { RoleParamsDto } from './dto/role.dto.js';
import { userView } from './dto/user.view.js';
import type { Principal } from './principal.js';
import { UsersService } from './users.service.js';

@ApiTags('admin')
@Controller('admin/users')
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  async list(@Query() query: PageQueryDto) {
    const offset = decodeOffsetCursor(query.cursor);
    const [users, total] = await this.users.list(query.limit, offset);
    return offsetPage(users.map(userView), offset, total);
  }

  @Put(':id/roles/:role')
  async grant(@Param() params: RoleParamsDto, @CurrentPrincipal() principal: Principal) {
    return userView(await this.users.grantRole(params.id, params.role, principal.userId));
  }

  @Delete(':id/roles/:role')
  async revoke(@Param() params: RoleParamsDto, @CurrentPrincipal() principal: Principal) {
    return userView(await this.users.revokeRole(params.id, params.role, principal.userId));
  }
}
