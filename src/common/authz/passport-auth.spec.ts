import { Strategy } from 'passport';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-codes';
import { authenticateWith } from './passport-auth';

/** A request this strategy answers after `delay` ms: its `user`, none (fail) or an error. */
interface FakeRequest {
  user?: string;
  error?: Error;
  delay: number;
}

type Actions = { success(user: unknown): void; fail(): void; error(err: Error): void };

class DelayedStrategy extends Strategy {
  override name = 'delayed';
  override authenticate(request: Parameters<Strategy['authenticate']>[0]): void {
    // passport sets the actions on the object it runs (authenticateWith: a fresh one per request)
    const actions = this as unknown as Actions;
    const req = request as unknown as FakeRequest;
    setTimeout(() => (req.error ? actions.error(req.error) : req.user ? actions.success(req.user) : actions.fail()), req.delay);
  }
}

describe('authenticateWith (one strategy instance, shared by concurrent requests)', () => {
  const strategy = new DelayedStrategy();

  it('answers each request with its own user when they finish in the other order', async () => {
    const users = await Promise.all([
      authenticateWith<string>(strategy, { user: 'first', delay: 30 }, {}),
      authenticateWith<string>(strategy, { user: 'second', delay: 1 }, {}),
      authenticateWith<string>(strategy, { user: 'third', delay: 15 }, {}),
    ]);
    expect(users).toEqual(['first', 'second', 'third']);
  });

  it('refuses with UNAUTHENTICATED when the strategy finds no user', async () => {
    const err = await authenticateWith(strategy, { delay: 1 }, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe(ErrorCode.UNAUTHENTICATED);
  });

  it("rejects with the strategy's own error (a validate that threw)", async () => {
    const thrown = new DomainError(ErrorCode.ACCOUNT_LOCKED);
    await expect(authenticateWith(strategy, { delay: 1, error: thrown }, {})).rejects.toBe(thrown);
  });

  it('leaves the shared instance without per-request actions', async () => {
    await authenticateWith(strategy, { user: 'someone', delay: 1 }, {});
    expect(Object.keys(strategy)).not.toContain('success');
  });
});
