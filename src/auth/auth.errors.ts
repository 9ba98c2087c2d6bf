import { ConflictException, NotFoundException, UnauthorizedException } from '@nestjs/common';

// One message for unknown email and wrong password, so a login never tells which emails exist.
export const invalidCredentials = () => new UnauthorizedException('Email or password is incorrect');
export const emailTaken = () => new ConflictException('An account with this email already exists');
export const userNotFound = () => new NotFoundException('User not found');
export const apiKeyNotFound = () => new NotFoundException('API key not found');
