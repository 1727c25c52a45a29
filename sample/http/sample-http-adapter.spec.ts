import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { createSampleHttpAdapter, readSampleAdapter } from './sample-http-adapter';

describe('readSampleAdapter', () => {
  it('defaults to express when SAMPLE_ADAPTER is unset or blank', () => {
    expect(readSampleAdapter(undefined)).toBe('express');
    expect(readSampleAdapter('  ')).toBe('express');
  });

  it('reads express and fastify, in any case', () => {
    expect(readSampleAdapter('fastify')).toBe('fastify');
    expect(readSampleAdapter(' Fastify ')).toBe('fastify');
    expect(readSampleAdapter('EXPRESS')).toBe('express');
  });

  it('refuses anything else with the accepted values', () => {
    expect(() => readSampleAdapter('koa')).toThrow(
      'SAMPLE_ADAPTER must be one of express, fastify; got "koa".',
    );
  });
});

describe('createSampleHttpAdapter', () => {
  it('builds the adapter of the platform named', () => {
    expect(createSampleHttpAdapter('express')).toBeInstanceOf(ExpressAdapter);
    expect(createSampleHttpAdapter('fastify')).toBeInstanceOf(FastifyAdapter);
  });
});
