// A SAMP Web Profile client (SAMP 1.3, section 5): XML-RPC over HTTP to the user's hub at 127.0.0.1:21012, which
// TOPCAT, Aladin or a standalone hub runs. The page registers, declares its metadata, allows reverse callbacks and
// long-polls pullCallbacks for the hub's events and the receivers' responses; it unregisters when the page goes.

import { MTYPE_IMAGE, MTYPE_POINT, MTYPE_TABLE, type SampMessage } from './messages';
import { decodeResponse, encodeCall, isStruct, XmlRpcFault, type XmlRpcValue } from './xmlrpc';

/**
 * The Web Profile's fixed address (SAMP 1.3 §5.2: port 21012 on the local host). 127.0.0.1 rather than "localhost":
 * a hub bound to IPv4 loopback only is reached without an IPv6 attempt first.
 */
export const WEB_PROFILE_URL = 'http://127.0.0.1:21012/';

/** The hub could not be reached at all: nothing listens on port 21012. */
export class NoHubError extends Error {
  constructor() {
    super('No SAMP hub is running: start TOPCAT or Aladin (each runs a hub), or a standalone SAMP hub, then connect again.');
    this.name = 'NoHubError';
  }
}

/** Another client on the hub, with what it accepts. */
export interface SampClient {
  id: string;
  name: string;
  mtypes: Set<string>;
}

/** A receiver's response to a call: samp.ok, samp.warning or samp.error with the receiver's words. */
export interface SampResponse {
  clientId: string;
  status: 'samp.ok' | 'samp.warning' | 'samp.error' | string;
  error: string | null;
}

export interface HubEvents {
  /** The other clients changed (one registered, left, or changed its metadata or subscriptions). */
  clients(clients: SampClient[]): void;
  /** A receiver answered a call made with `tag`. */
  response(tag: string, response: SampResponse): void;
  /** The hub went away or shut down; the connection is over. */
  disconnected(reason: string): void;
}

const hubEvents = ['samp.hub.event.register', 'samp.hub.event.unregister', 'samp.hub.event.metadata',
  'samp.hub.event.subscriptions', 'samp.hub.disconnect'];

/** What the page asks receivers to do: the clients offered in the page are those subscribed to one of these. */
export const SENT_MTYPES = [MTYPE_TABLE, MTYPE_IMAGE, MTYPE_POINT];

/** Message tags, unique in the page across connections (a response names the tag of its call). */
let tagCount = 0;

/** One registration with the hub. Made by {@link SampHub.connect}; ended by {@link SampHub.disconnect}. */
export class SampHub {
  private clientList: SampClient[] = [];
  private closed = false;
  /** Set once connect() has returned the hub: events go out only from then on. */
  private started = false;
  private readonly polling = new AbortController();

  private constructor(
    private readonly url: string,
    private readonly privateKey: string,
    readonly selfId: string,
    readonly hubId: string,
    /** Prefix that makes another client's URL readable by the page (§5.3.2); unused while the page only sends. */
    readonly urlTranslator: string | null,
    private readonly events: HubEvents,
  ) {}

  /** Registers with the hub as `name`, then starts listening for its callbacks. Throws NoHubError when none runs. */
  static async connect(name: string, description: string, events: HubEvents, url = WEB_PROFILE_URL): Promise<SampHub> {
    const answer = await post(url, 'samp.webhub.register', [{ 'samp.name': name }]);
    if (!isStruct(answer)) {
      throw new Error('the SAMP hub answered the registration with something other than a map');
    }
    const key = text(answer['samp.private-key']);
    if (!key) {
      throw new Error('the SAMP hub answered the registration without a private key');
    }
    const hub = new SampHub(url, key, text(answer['samp.self-id']), text(answer['samp.hub-id']),
      text(answer['samp.url-translator']) || null, events);
    try {
      await hub.call('declareMetadata', {
        'samp.name': name,
        'samp.description.text': description,
        'samp.documentation.url': new URL('.', location.href).href,
      });
      // Callbacks (events, responses) are delivered only once allowed; every flag in SAMP is the string "1" or "0".
      await hub.call('allowReverseCallbacks', '1');
      await hub.call('declareSubscriptions', Object.fromEntries(hubEvents.map(mtype => [mtype, {}])));
      await hub.refreshClients();
    } catch (error) {
      await hub.disconnect();
      throw error;
    }
    hub.started = true;
    void hub.pull();
    return hub;
  }

  get clients(): readonly SampClient[] {
    return this.clientList;
  }

  get connected(): boolean {
    return !this.closed;
  }

  /**
   * Sends a message as a call, to one client or to every client subscribed to its MType; each receiver's response
   * arrives through HubEvents.response with the returned tag. Returns the tag and the ids of the clients called.
   */
  async send(message: SampMessage, recipient: string | null): Promise<{ tag: string; recipients: string[] }> {
    tagCount += 1;
    const tag = `das-${tagCount}`;
    if (recipient !== null) {
      await this.call('call', recipient, tag, message);
      return { tag, recipients: [recipient] };
    }
    const answer = await this.call('callAll', tag, message);
    return { tag, recipients: isStruct(answer) ? Object.keys(answer) : [] };
  }

  /** Sends a message as a notification (no response) to every subscribed client; returns the ids notified. */
  async notifyAll(message: SampMessage): Promise<string[]> {
    const answer = await this.call('notifyAll', message);
    return Array.isArray(answer) ? answer.map(text) : [];
  }

  /** Unregisters (once); the page calls this when the user disconnects or the page goes away. */
  async disconnect(): Promise<void> {
    if (this.closed) {
      return;
    }
    this.closed = true;
    this.polling.abort();
    try {
      await this.call('unregister');
    } catch {
      // The hub is gone already: nothing is left to undo.
    }
  }

  /** Unregisters as the page unloads: a keep-alive request outlives the page. */
  unregisterOnUnload(): void {
    if (this.closed) {
      return;
    }
    this.closed = true;
    this.polling.abort();
    void fetch(this.url, {
      method: 'POST', keepalive: true, headers: { 'Content-Type': 'text/xml' },
      body: encodeCall('samp.webhub.unregister', [this.privateKey]),
    }).catch(() => undefined);
  }

  /** Reads the clients that accept what the page sends, with their names. */
  async refreshClients(): Promise<void> {
    const byId = new Map<string, SampClient>();
    for (const mtype of SENT_MTYPES) {
      const answer = await this.call('getSubscribedClients', mtype);
      for (const id of isStruct(answer) ? Object.keys(answer) : []) {
        if (id === this.selfId) {
          continue;
        }
        const client = byId.get(id) ?? { id, name: id, mtypes: new Set<string>() };
        client.mtypes.add(mtype);
        byId.set(id, client);
      }
    }
    for (const client of byId.values()) {
      try {
        const metadata = await this.call('getMetadata', client.id);
        if (isStruct(metadata) && text(metadata['samp.name'])) {
          client.name = text(metadata['samp.name']);
        }
      } catch (error) {
        if (!(error instanceof XmlRpcFault)) {
          throw error;
        }
        // The client left between the two calls: it keeps its id as name until the next refresh removes it.
      }
    }
    this.clientList = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    if (this.started && !this.closed) {
      this.events.clients(this.clientList);
    }
  }

  private call(method: string, ...params: XmlRpcValue[]): Promise<XmlRpcValue> {
    return post(this.url, `samp.webhub.${method}`, [this.privateKey, ...params], this.closed ? undefined : this.polling.signal);
  }

  /** The long poll: each pullCallbacks waits up to 10 s for the hub's callbacks, then the next one starts. */
  private async pull(): Promise<void> {
    while (!this.closed) {
      let callbacks: XmlRpcValue;
      try {
        callbacks = await this.call('pullCallbacks', '10');
      } catch (error) {
        if (this.closed) {
          return;
        }
        this.closed = true;
        this.events.disconnected(error instanceof NoHubError
          ? 'The SAMP hub stopped.'
          : `The SAMP hub stopped answering: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      for (const callback of Array.isArray(callbacks) ? callbacks : []) {
        if (isStruct(callback)) {
          await this.dispatch(text(callback['samp.methodName']), Array.isArray(callback['samp.params']) ? callback['samp.params'] : []);
        }
      }
    }
  }

  private async dispatch(method: string, params: XmlRpcValue[]): Promise<void> {
    if (method === 'receiveResponse') {
      const [responder, tag, response] = params;
      const r = isStruct(response) ? response : {};
      const error = isStruct(r['samp.error']) ? text(r['samp.error']['samp.errortxt']) : '';
      this.events.response(text(tag), { clientId: text(responder), status: text(r['samp.status']), error: error || null });
      return;
    }
    // receiveNotification(sender, message) or receiveCall(sender, msg-id, message): the hub's events.
    const message = method === 'receiveCall' ? params[2] : params[1];
    const mtype = isStruct(message) ? text(message['samp.mtype']) : '';
    if (method === 'receiveCall') {
      const ok = hubEvents.includes(mtype);
      await this.call('reply', text(params[1]), ok ? { 'samp.status': 'samp.ok', 'samp.result': {} }
        : { 'samp.status': 'samp.error', 'samp.error': { 'samp.errortxt': `Das does not handle ${mtype}` } }).catch(() => undefined);
    }
    if (mtype === 'samp.hub.disconnect') {
      this.closed = true;
      this.polling.abort();
      this.events.disconnected('The SAMP hub shut down.');
    } else if (mtype.startsWith('samp.hub.event.')) {
      await this.refreshClients().catch(() => undefined);
    }
  }
}

/** One XML-RPC call to the hub; a refused connection becomes NoHubError, an XML-RPC fault an XmlRpcFault. */
async function post(url: string, method: string, params: XmlRpcValue[], signal?: AbortSignal): Promise<XmlRpcValue> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml' },
      body: encodeCall(method, params),
      signal: signal ?? null,
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') {
      throw error;
    }
    // fetch says only "Failed to fetch" for a refused connection (and for a CORS refusal, which a hub never makes).
    throw new NoHubError();
  }
  if (!response.ok) {
    throw new Error(`the SAMP hub answered ${method} with HTTP ${response.status}`);
  }
  return decodeResponse(await response.text());
}

function text(value: XmlRpcValue | undefined): string {
  return typeof value === 'string' ? value : value === undefined ? '' : String(value);
}

