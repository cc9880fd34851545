import { describe, expect, test } from 'vitest';
import { hourlyPriceUsd, lookupInstanceType, priceTable } from '../../../src/models/cost/price-table.js';

describe('bundled price table (docs/models/allocatable-and-prices.md#prices)', () => {
  test.each([
    { name: 'e2-standard-2', vcpu: 2, mem: 8, od: 0.06701, region: 'us-central1' },
    { name: 'e2-standard-4', vcpu: 4, mem: 16, od: 0.13402, region: 'us-central1' },
    { name: 'e2-standard-8', vcpu: 8, mem: 32, od: 0.26805, region: 'us-central1' },
    { name: 'n2-standard-4', vcpu: 4, mem: 16, od: 0.1942, region: 'us-central1' },
    { name: 'n2-standard-8', vcpu: 8, mem: 32, od: 0.3885, region: 'us-central1' },
    { name: 'm5.large', vcpu: 2, mem: 8, od: 0.096, region: 'us-east-1' },
    { name: 'm5.xlarge', vcpu: 4, mem: 16, od: 0.192, region: 'us-east-1' },
    { name: 'm5.2xlarge', vcpu: 8, mem: 32, od: 0.384, region: 'us-east-1' },
    { name: 'c5.xlarge', vcpu: 4, mem: 8, od: 0.17, region: 'us-east-1' },
    { name: 'Standard_D4s_v5', vcpu: 4, mem: 16, od: 0.192, region: 'eastus' },
  ])('$name: $vcpu vCPU, $mem GiB, $od $/h in $region', ({ name, vcpu, mem, od, region }) => {
    const i = lookupInstanceType(name);
    expect(i).toMatchObject({ vcpu, memoryGiB: mem, onDemandUsdPerHour: od, region });
    expect(i?.source.length).toBeGreaterThan(0);
  });

  test.each([
    // Listed GCE preemptible prices (docs/models/allocatable-and-prices.md#prices).
    { name: 'e2-standard-2', spot: 0.0201, src: 'listed' },
    { name: 'n2-standard-4', spot: 0.047, src: 'listed' },
    // Not listed: on-demand × factor (GCP 0.3: 0.0971 × 0.3; AWS 0.4: 0.096 × 0.4; Azure 0.4: 0.192 × 0.4).
    { name: 'n2-standard-2', spot: 0.02913, src: 'default-factor' },
    { name: 'm5.large', spot: 0.0384, src: 'default-factor' },
    { name: 'Standard_D4s_v5', spot: 0.0768, src: 'default-factor' },
  ])('spot price of $name is $spot ($src)', ({ name, spot, src }) => {
    const i = lookupInstanceType(name)!;
    expect(i.spotUsdPerHour).toBeCloseTo(spot, 6);
    expect(i.spotPriceSource).toBe(src);
    expect(hourlyPriceUsd(i, 'spot')).toBe(i.spotUsdPerHour);
  });

  test('every entry has a spot price below on-demand', () => {
    for (const i of priceTable.values()) expect(i.spotUsdPerHour).toBeLessThan(i.onDemandUsdPerHour);
  });
});

describe('lookupInstanceType overrides', () => {
  test('unknown name without override is undefined', () => {
    expect(lookupInstanceType('x9.huge')).toBeUndefined();
  });
  test('a scenario can add a type; spot derives from the provider factor', () => {
    const i = lookupInstanceType('x9.huge', { 'x9.huge': { provider: 'eks', vcpu: 16, memoryGiB: 64, onDemandUsdPerHour: 1 } });
    expect(i).toMatchObject({ name: 'x9.huge', vcpu: 16, spotUsdPerHour: 0.4, spotPriceSource: 'default-factor' });
  });
  test('an incomplete new type is rejected with the missing fields', () => {
    expect(() => lookupInstanceType('x9.huge', { 'x9.huge': { vcpu: 16 } })).toThrow(/provider, memoryGiB, onDemandUsdPerHour/);
  });
  test('overriding the on-demand price re-derives a spot price; a listed spot stays when untouched', () => {
    expect(lookupInstanceType('m5.large', { 'm5.large': { onDemandUsdPerHour: 0.1 } })?.spotUsdPerHour).toBeCloseTo(0.04, 9);
    expect(lookupInstanceType('e2-standard-2', { 'e2-standard-2': { region: 'europe-west1' } })?.spotUsdPerHour).toBe(0.0201);
  });
});
