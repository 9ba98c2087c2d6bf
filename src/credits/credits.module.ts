import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { CreditsAdminController, CreditsController } from './credits.controller.js';
import { CreditsService } from './credits.service.js';
import { LedgerService } from './ledger.service.js';
import { PricesService } from './prices.service.js';

/** The API-credit ledger: balances, grants, awards and /v1 usage charges. */
@Module({
  imports: [AuthModule],
  controllers: [CreditsController, CreditsAdminController],
  providers: [LedgerService, PricesService, CreditsService],
  exports: [CreditsService],
})
export class CreditsModule {}
