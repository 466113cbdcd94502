import { describe, expect, it } from 'vitest';
import { checkName, checkPlacement } from '../src/index.js';

const facts = { environments: ['staging', 'prod'], regions: ['us-east-1', 'eu-west-1'] };

describe('checkPlacement', () => {
  it('GIVEN a declared environment and region THEN there is nothing to say', () => {
    expect(checkPlacement(facts, 'prod', 'eu-west-1')).toEqual([]);
  });

  it('GIVEN near misses THEN each is an error with the names fleet.yaml declares and a suggestion', () => {
    expect(checkPlacement(facts, 'prd', 'eu-west1')).toEqual([
      {
        code: 'FF902',
        severity: 'error',
        message: 'unknown environment `prd`',
        expected: 'one of `staging`, `prod`',
        found: '`prd`',
        hint: 'did you mean `prod`?',
      },
      {
        code: 'FF903',
        severity: 'error',
        message: 'unknown region `eu-west1`',
        expected: 'one of `us-east-1`, `eu-west-1`',
        found: '`eu-west1`',
        hint: 'did you mean `eu-west-1`?',
      },
    ]);
  });

  it('GIVEN a region nothing resembles THEN the hint says where to declare it', () => {
    expect(checkPlacement(facts, 'prod', 'ap-south-1')[0]?.hint).toBe('add it to `regions` in clusters/fleet.yaml first, with its image registry');
  });
});

describe('checkName', () => {
  it('GIVEN a DNS-1123 label THEN it is accepted', () => {
    expect(checkName('app', 'billing-api')).toEqual([]);
  });

  it('GIVEN upper case and spaces THEN it is refused with the name it could be', () => {
    expect(checkName('app', 'Billing API')[0]).toMatchObject({ code: 'FF901', message: '`Billing API` cannot be an app name', hint: 'did you mean `billing-api`?' });
  });
});
