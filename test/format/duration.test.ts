import { describe, expect, it } from 'vitest';
import { dockerAgo, dockerHumanDuration, kubeAge, kubeHumanDuration, kubeShortHumanDuration } from '../../src/sim/cli/format/duration';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('dockerHumanDuration (go-units)', () => {
  it.each([
    [0, 'Less than a second'],
    [999, 'Less than a second'],
    [1 * S, '1 second'],
    [2 * S, '2 seconds'],
    [59 * S + 999, '59 seconds'],
    [60 * S, 'About a minute'],
    [119 * S, 'About a minute'],
    [2 * M, '2 minutes'],
    [59 * M, '59 minutes'],
    [60 * M, 'About an hour'],
    [89 * M, 'About an hour'],
    [90 * M, '2 hours'],
    [47 * H, '47 hours'],
    [48 * H, '2 days'],
    [13 * D, '13 days'],
    [14 * D, '2 weeks'],
    [59 * D, '8 weeks'],
    [60 * D, '2 months'],
    [729 * D, '24 months'],
    [730 * D, '2 years'],
    [3650 * D, '10 years'],
  ])('%i ms → %s', (ms, want) => {
    expect(dockerHumanDuration(ms)).toBe(want);
  });

  it('"ago" forms', () => {
    expect(`Running ${dockerAgo(5 * S, true)}`).toBe('Running 5 seconds ago');
    expect(`Running ${dockerAgo(70 * S, true)}`).toBe('Running about a minute ago');
    expect(dockerAgo(61 * M)).toBe('About an hour ago');
  });
});

describe('kubeHumanDuration (apimachinery duration.HumanDuration)', () => {
  it.each([
    [-5 * S, '<invalid>'],
    [-1 * S, '0s'],
    [-999, '0s'],
    [0, '0s'],
    [5 * S, '5s'],
    [119 * S, '119s'],
    [120 * S, '2m'],
    [200 * S, '3m20s'],
    [9 * M + 59 * S, '9m59s'],
    [10 * M, '10m'],
    [179 * M, '179m'],
    [3 * H, '3h'],
    [3 * H + 5 * M, '3h5m'],
    [7 * H + 59 * M, '7h59m'],
    [8 * H, '8h'],
    [47 * H, '47h'],
    [48 * H, '2d'],
    [2 * D + 3 * H, '2d3h'],
    [7 * D + 23 * H, '7d23h'],
    [8 * D, '8d'],
    [45 * D, '45d'],
    [729 * D, '729d'],
    [730 * D, '2y'],
    [3 * 365 * D + 45 * D, '3y45d'],
    [9 * 365 * D, '9y'],
  ])('%i ms → %s', (ms, want) => {
    expect(kubeHumanDuration(ms)).toBe(want);
  });

  it.each([
    [59 * S, '59s'],
    [90 * S, '1m'],
    [5 * H + 59 * M, '5h'],
    [3 * D, '3d'],
    [400 * D, '1y'],
  ])('short %i ms → %s', (ms, want) => {
    expect(kubeShortHumanDuration(ms)).toBe(want);
  });

  it('AGE of a missing timestamp is <unknown>', () => {
    expect(kubeAge(1000, undefined)).toBe('<unknown>');
    expect(kubeAge(10 * M, 0)).toBe('10m');
  });
});
