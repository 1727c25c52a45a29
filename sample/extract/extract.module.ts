import { Module } from '@nestjs/common';
import { ExtractController } from './extract.controller';

/** Structured output: `POST /extract` fills a DTO from free text. */
@Module({ controllers: [ExtractController] })
export class ExtractModule {}
