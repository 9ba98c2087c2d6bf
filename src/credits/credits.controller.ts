import {
  Body,
  Controller,
  Get,
  Headers,
  Param,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { decodeOffsetCursor, offsetPage, PageQueryDto } from '../common/pagination.js';
import { CreditsService } from './credits.service.js';
import { AdjustCreditsDto, GrantCreditsDto, SetPriceDto, UserParamsDto } from './dto/credits.dto.js';
import { balanceView, ledgerEntryView, priceView } from './dto/credits.view.js';
import { toMicro } from './money.js';
import { checkIdempotencyKey } from '../common/idempotency-key.js';
import { PricesService } from './prices.service.js';

/** Ledger idempotency keys are stored in a 100-character column. */
const checkKey = (key: string | undefined) => checkIdempotencyKey(key, 100);

/** A user's own credits: balance, ledger, and what models cost. */
@ApiTags('credits')
@Controller('credits')
@Roles('user')
export class CreditsController {
  constructor(
    private readonly credits: CreditsService,
    private readonly prices: PricesService,
  ) {}

  @Get('balance')
  async balance(@CurrentPrincipal() principal: Principal) {
    return balanceView(principal.userId, await this.credits.balanceMicro(principal.userId));
  }

  @Get('ledger')
  async ledger(@CurrentPrincipal() principal: Principal, @Query() query: PageQueryDto) {
    const offset = decodeOffsetCursor(query.cursor);
    const [rows, total] = await this.credits.entries(principal.userId, query.limit, offset);
    return offsetPage(rows.map(ledgerEntryView), offset, total);
  }

  @Get('prices')
  async listPrices() {
    return { data: (await this.prices.list()).map(priceView) };
  }
}

/** Admins: any user's credits, grants and adjustments with a reason (audited), and model prices. */
@ApiTags('credits')
@Controller('admin/credits')
@Roles('admin')
export class CreditsAdminController {
  constructor(
    private readonly credits: CreditsService,
    private readonly prices: PricesService,
  ) {}

  @Put('prices')
  async setPrice(@CurrentPrincipal() principal: Principal, @Body() body: SetPriceDto) {
    return priceView(await this.prices.set(body.model, toMicro(body.pricePer1kTokens), principal.userId));
  }

  @Get('users/:userId')
  async user(@Param() params: UserParamsDto, @Query() query: PageQueryDto) {
    const offset = decodeOffsetCursor(query.cursor);
    const [rows, total] = await this.credits.entries(params.userId, query.limit, offset);
    return {
      ...balanceView(params.userId, await this.credits.balanceMicro(params.userId)),
      ledger: offsetPage(rows.map(ledgerEntryView), offset, total),
    };
  }

  @Post('users/:userId/grants')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  async grant(
    @CurrentPrincipal() principal: Principal,
    @Param() params: UserParamsDto,
    @Body() body: GrantCreditsDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.postManual('grant', principal, params.userId, body, key, res);
  }

  @Post('users/:userId/adjustments')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  async adjust(
    @CurrentPrincipal() principal: Principal,
    @Param() params: UserParamsDto,
    @Body() body: AdjustCreditsDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.postManual('adjust', principal, params.userId, body, key, res);
  }

  /** 201 with the new entry; 200 with the first one when an Idempotency-Key is retried. */
  private async postManual(
    kind: 'grant' | 'adjust',
    principal: Principal,
    userId: string,
    body: GrantCreditsDto | AdjustCreditsDto,
    key: string | undefined,
    res: Response,
  ) {
    const posted = await this.credits[kind]({
      userId,
      amountMicro: toMicro(body.amount),
      reason: body.reason,
      actorId: principal.userId,
      idempotencyKey: checkKey(key),
    });
    res.status(posted.created ? 201 : 200);
    return ledgerEntryView(posted.entry);
  }
}
