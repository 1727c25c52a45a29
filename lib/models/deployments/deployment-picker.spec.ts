import { DeploymentPicker } from './deployment-picker';

describe('DeploymentPicker', () => {
  it('round-robin starts each call on the next deployment and lists the others after it', () => {
    const picker = new DeploymentPicker('round-robin', [1, 1, 1]);
    expect(picker.order()).toEqual([0, 1, 2]);
    expect(picker.order()).toEqual([1, 2, 0]);
    expect(picker.order()).toEqual([2, 0, 1]);
    expect(picker.order()).toEqual([0, 1, 2]);
  });

  it('weighted keeps the shares over any window of total-weight calls (smooth, not bursty)', () => {
    const picker = new DeploymentPicker('weighted', [3, 1]);
    const firsts = Array.from({ length: 8 }, () => picker.order()[0]);
    expect(firsts).toEqual([0, 0, 1, 0, 0, 0, 1, 0]);
    expect(firsts.filter((index) => index === 0)).toHaveLength(6);
  });

  it('least-busy starts on the deployment with the fewest calls in flight', () => {
    const picker = new DeploymentPicker('least-busy', [1, 1, 1]);
    picker.started(0);
    picker.started(0);
    picker.started(1);
    expect(picker.order()[0]).toBe(2);
    picker.started(2);
    picker.started(2);
    expect(picker.order()[0]).toBe(1);
    picker.ended(0);
    picker.ended(0);
    expect(picker.order()[0]).toBe(0);
    expect(picker.busy()).toEqual([0, 1, 2]);
  });

  it('moves a deployment that is cooling down to the end, soonest to recover first', () => {
    let now = 0;
    const picker = new DeploymentPicker('round-robin', [1, 1, 1], () => now);
    picker.coolDown(0, 5_000);
    picker.coolDown(1, 1_000);
    expect(picker.order()).toEqual([2, 1, 0]);
    now = 1_000;
    expect(picker.order()).toEqual([1, 2, 0]);
    now = 5_000;
    expect(picker.order()).toEqual([2, 0, 1]);
  });
});
