import type { CreditLedgerEntry, ModelPrice } from '../credit.entities.js';
import { fromMicro } from '../money.js';

export function balanceView(userId: string, balanceMicro: number) {
  return { userId, balance: fromMicro(balanceMicro), unit: 'credits' as const };
}

export function ledgerEntryView(entry: CreditLedgerEntry) {
  return {
    id: entry.id,
    kind: entry.kind,
    amount: fromMicro(entry.amountMicro),
    balanceAfter: fromMicro(entry.balanceAfterMicro),
    reason: entry.reason,
    refType: entry.refType,
    refId: entry.refId,
    details: entry.details,
    createdAt: entry.createdAt.toISOString(),
  };
}

export function priceView(price: ModelPrice) {
  return {
    model: price.model,
    pricePer1kTokens: fromMicro(price.pricePer1kMicro),
    updatedAt: price.updatedAt.toISOString(),
  };
}
