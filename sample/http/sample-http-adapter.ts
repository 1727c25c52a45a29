import type { AbstractHttpAdapter } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { MAX_BODY_BYTES } from './body-size-limit';

/** The HTTP platforms the sample runs on. */
export const SAMPLE_ADAPTERS = ['express', 'fastify'] as const;

/** `express` (the default) or `fastify`: which Nest HTTP platform serves the sample. */
export type SampleAdapterName = (typeof SAMPLE_ADAPTERS)[number];

/**
 * Reads `SAMPLE_ADAPTER` (`express` when unset or empty). Any other value is refused at startup
 * with one line naming the accepted ones, rather than quietly falling back to Express.
 */
export function readSampleAdapter(value: string | undefined): SampleAdapterName {
  const name = value?.trim().toLowerCase() ?? '';
  if (name === '') return 'express';
  const known = SAMPLE_ADAPTERS.find((adapter) => adapter === name);
  if (known === undefined) {
    throw new Error(
      `SAMPLE_ADAPTER must be one of ${SAMPLE_ADAPTERS.join(', ')}; got ${JSON.stringify(value)}.`,
    );
  }
  return known;
}

/**
 * A fresh Nest HTTP adapter for `name`, to pass to `NestFactory.create` or `createNestApplication`.
 * Fastify gets Express's body limit (`MAX_BODY_BYTES`) as its server-wide `bodyLimit`, which
 * every content-type parser without a limit of its own uses: the sample's JSON parser
 * (fastify-body-parsers.ts) and Fastify's built-in text parser alike.
 */
export function createSampleHttpAdapter(name: SampleAdapterName): AbstractHttpAdapter {
  return name === 'fastify'
    ? new FastifyAdapter({ bodyLimit: MAX_BODY_BYTES })
    : new ExpressAdapter();
}
