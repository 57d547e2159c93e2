import { randomBytes } from 'node:crypto';
import type { CoordinationBackend } from './backend.js';
import { CoordinationInputError } from './errors.js';
import { PgCoordinationBackend } from './pg-backend.js';
import { SqliteCoordinationBackend } from './sqlite-backend.js';
import { applyStep, fileItem, notVisible, visibleTo, type StepRequest, type Transition } from './state-machine.js';
import type { CoordActor, CoordItem, CoordItemWithSteps, FileInput, ListFilter, PartyId } from './types.js';
import { checkParty } from './validate.js';

/**
 * Where the log lives: the event store's own database. The shape matches the store's
 * StoreConfig, so the CLI hands over the store's resolved configuration unchanged.
 */
export type CoordinationDbConfig =
  | { kind: 'sqlite'; path?: string }
  | { kind: 'postgres'; url: string; schema?: string; poolSize?: number };

export interface CoordinationLogOptions {
  /** Run the coord_ migrations on open (default true). */
  migrate?: boolean;
  /** Clock for step times (tests pin it). */
  now?: () => Date;
  /** Id of a new item (tests pin it); default "cn-" and 10 random hex digits. */
  newId?: () => string;
}

function randomId(): string {
  return `cn-${randomBytes(5).toString('hex')}`;
}

/**
 * The coordination log as the parties use it: every call names the acting party and officer,
 * and every read is for one party, which only ever sees its own and shared items.
 */
export class CoordinationLog {
  private constructor(
    private readonly backend: CoordinationBackend,
    private readonly now: () => Date,
    private readonly newId: () => string,
  ) {}

  static async open(config: CoordinationDbConfig, options: CoordinationLogOptions = {}): Promise<CoordinationLog> {
    const now = options.now ?? (() => new Date());
    let backend: CoordinationBackend;
    if (config.kind === 'postgres') {
      backend = PgCoordinationBackend.open(config.url, config.schema, config.poolSize);
    } else {
      if (!config.path) throw new CoordinationInputError('the coordination log needs the SQLite file of the store (no path given)');
      backend = SqliteCoordinationBackend.open(config.path, now);
    }
    if (options.migrate !== false) {
      try {
        await backend.migrate();
      } catch (err) {
        await backend.close().catch(() => undefined);
        throw err;
      }
    }
    return new CoordinationLog(backend, now, options.newId ?? randomId);
  }

  get kind(): 'sqlite' | 'postgres' {
    return this.backend.kind;
  }

  private at(): string {
    return this.now().toISOString();
  }

  async file(actor: CoordActor, input: FileInput): Promise<Transition> {
    const t = fileItem(this.newId(), input, actor, this.at());
    await this.backend.insert(t);
    return t;
  }

  private step(id: string, actor: CoordActor, req: StepRequest): Promise<Transition> {
    checkParty(actor.party);
    const at = this.at();
    return this.backend.update(id, (item, seq) => {
      if (item === null) throw notVisible(id, actor.party);
      return applyStep(item, req, actor, at, seq);
    });
  }

  share(id: string, actor: CoordActor, parties: readonly PartyId[]): Promise<Transition> {
    return this.step(id, actor, { action: 'share', with: parties });
  }

  acknowledge(id: string, actor: CoordActor): Promise<Transition> {
    return this.step(id, actor, { action: 'acknowledge' });
  }

  answer(id: string, actor: CoordActor, text: string): Promise<Transition> {
    return this.step(id, actor, { action: 'answer', text });
  }

  /** Close item `id` (either side may); `note` says how it ended. */
  closeItem(id: string, actor: CoordActor, note?: string | null): Promise<Transition> {
    return this.step(id, actor, { action: 'close', text: note ?? null });
  }

  /** The item and its whole audit trail, as `party` may see it. */
  async show(id: string, party: PartyId): Promise<CoordItemWithSteps> {
    checkParty(party);
    const item = await this.backend.get(id);
    if (item === null || !visibleTo(item, party)) throw notVisible(id, party);
    return { item, steps: await this.backend.steps(id) };
  }

  /** Items `party` filed or that were shared with it, newest first. */
  async list(party: PartyId, filter: ListFilter = {}): Promise<CoordItem[]> {
    checkParty(party);
    return this.backend.list(party, filter);
  }

  async close(): Promise<void> {
    await this.backend.close();
  }
}
