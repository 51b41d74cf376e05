/**
 * PropertiesService: https://developers.google.com/apps-script/reference/properties/properties-service
 * Limits (https://developers.google.com/apps-script/guides/services/quotas#current_limitations):
 * "Properties value size 9 KB / val", "Properties total storage 500 KB / property store".
 */
import { FakeObject } from './object';
import type { Execution } from './execution';
import { GasError } from './realm';
import { utf8Length } from './bytes';

type Properties = GoogleAppsScript.Properties.Properties;

export const PROPERTY_VALUE_LIMIT = 9 * 1024;
export const PROPERTY_STORE_LIMIT = 500 * 1024;

/** One property store (document, script, or one user's). */
export class PropertyStore {
  readonly data = new Map<string, string>();

  /** Bytes used: UTF-8 of keys plus values. (unverified: how Google counts) */
  size(map: Map<string, string> = this.data): number {
    let n = 0;
    for (const [k, v] of map) n += utf8Length(k) + utf8Length(v);
    return n;
  }

  /** Applies `next` atomically after checking the limits. */
  commit(next: Map<string, string>): void {
    for (const [k, v] of next) {
      if (this.data.get(k) === v) continue;
      if (utf8Length(v) > PROPERTY_VALUE_LIMIT) throw new GasError('Argument too large: value'); // (unverified message)
      if (k === '') throw new GasError('Invalid argument: key');
    }
    if (this.size(next) > PROPERTY_STORE_LIMIT) {
      throw new GasError('You have exceeded the property storage quota. Please remove some properties and try again.');
    }
    this.data.clear();
    for (const [k, v] of next) this.data.set(k, v);
  }

  toObject(): Record<string, string> {
    return Object.fromEntries(this.data);
  }
}

export class FakeProperties extends FakeObject implements Pick<Properties, 'getProperty' | 'setProperty' | 'setProperties' | 'getProperties' | 'getKeys' | 'deleteProperty' | 'deleteAllProperties'> {
  constructor(x: Execution, private readonly store: PropertyStore) {
    super(x);
  }

  /** null when missing. */
  getProperty(key: string): string | null {
    const v = this.store.data.get(String(key));
    return v === undefined ? null : v;
  }

  /** Values are stored as strings. */
  setProperty(key: string, value: string): Properties {
    const next = new Map(this.store.data);
    next.set(String(key), String(value));
    this.store.commit(next);
    return this._me<Properties>();
  }

  setProperties(properties: { [key: string]: string }, deleteAllOthers?: boolean): Properties {
    if (properties === null || typeof properties !== 'object') throw new GasError('Invalid argument: properties');
    const next = deleteAllOthers ? new Map<string, string>() : new Map(this.store.data);
    for (const k of Object.keys(properties)) next.set(k, String(properties[k]));
    this.store.commit(next);
    return this._me<Properties>();
  }

  getProperties(): { [key: string]: string } {
    return this.store.toObject();
  }

  getKeys(): string[] {
    return [...this.store.data.keys()];
  }

  deleteProperty(key: string): Properties {
    this.store.data.delete(String(key));
    return this._me<Properties>();
  }

  deleteAllProperties(): Properties {
    this.store.data.clear();
    return this._me<Properties>();
  }
}

export class FakePropertiesService extends FakeObject implements Pick<GoogleAppsScript.Properties.PropertiesService, 'getDocumentProperties' | 'getScriptProperties' | 'getUserProperties'> {
  /**
   * https://developers.google.com/apps-script/reference/properties/properties-service#getDocumentProperties()
   * "When document properties are not available this method returns null" (no containing document).
   */
  getDocumentProperties(): Properties {
    const env = this._x.env;
    if (!env.containerBound) return null as unknown as Properties;
    return this._x.wrap<Properties>('Properties', new FakeProperties(this._x, env.properties.document));
  }

  getScriptProperties(): Properties {
    return this._x.wrap<Properties>('Properties', new FakeProperties(this._x, this._x.env.properties.script));
  }

  /**
   * In a custom function the user store is the spreadsheet owner's
   * (https://developers.google.com/apps-script/guides/sheets/functions#using_apps_script_services, Properties row).
   */
  getUserProperties(): Properties {
    return this._x.wrap<Properties>('Properties', new FakeProperties(this._x, this._x.env.userProperties(this._x.storeUser)));
  }
}
