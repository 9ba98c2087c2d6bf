import { ApiProperty } from '@nestjs/swagger';
import { IsNumber, IsString, IsUUID, Length, Max, Min, NotEquals } from 'class-validator';

const CREDITS = { maxDecimalPlaces: 6, allowNaN: false, allowInfinity: false };

export class UserParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'userId must be a UUID' })
  userId: string;
}

export class GrantCreditsDto {
  @ApiProperty({
    description: 'Credits to add (1 credit = $1 of API usage), up to 6 decimals',
    minimum: 0.000001,
    maximum: 1_000_000,
  })
  @IsNumber(CREDITS, { message: 'amount must be a number with at most 6 decimals' })
  @Min(0.000001, { message: 'amount must be above 0' })
  @Max(1_000_000, { message: 'amount must not be greater than 1000000' })
  amount: number;

  @ApiProperty({
    minLength: 3,
    maxLength: 500,
    description: 'Why: shown to the user and kept in the audit log',
  })
  @IsString()
  @Length(3, 500, { message: 'reason must be between 3 and 500 characters' })
  reason: string;
}

export class AdjustCreditsDto {
  @ApiProperty({
    description: 'Credits to add (positive) or remove (negative); never leaves the balance below zero',
  })
  @IsNumber(CREDITS, { message: 'amount must be a number with at most 6 decimals' })
  @NotEquals(0, { message: 'amount must not be 0' })
  @Min(-1_000_000, { message: 'amount must not be less than -1000000' })
  @Max(1_000_000, { message: 'amount must not be greater than 1000000' })
  amount: number;

  @ApiProperty({ minLength: 3, maxLength: 500 })
  @IsString()
  @Length(3, 500, { message: 'reason must be between 3 and 500 characters' })
  reason: string;
}

export class SetPriceDto {
  @ApiProperty({ description: 'Model id as GET /v1/models lists it', maxLength: 200 })
  @IsString()
  @Length(1, 200, { message: 'model must be between 1 and 200 characters' })
  model: string;

  @ApiProperty({
    description: 'Credits per 1000 tokens (prompt + completion); 0 makes the model free',
    minimum: 0,
    maximum: 1000,
  })
  @IsNumber(CREDITS, { message: 'pricePer1kTokens must be a number with at most 6 decimals' })
  @Min(0, { message: 'pricePer1kTokens must not be negative' })
  @Max(1000, { message: 'pricePer1kTokens must not be greater than 1000' })
  pricePer1kTokens: number;
}
