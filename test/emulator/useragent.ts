/**
 * The SP-API User-Agent convention (notes §3): `AppName/AppVersion (Language=LangName[/version];
 * Platform=…; Host=…)`, `Language` required, `\ / ( = ) ;` backslash-escaped inside values, at most
 * 500 characters. Text after the closing parenthesis is tolerated (a platform may append its own
 * product token).
 */

export const USER_AGENT_MAX_LENGTH = 500;

export interface ParsedUserAgent {
  appName: string;
  appVersion: string;
  attributes: Record<string, string>;
}

/** Parses a User-Agent in the documented form; returns the reason when it is not in that form. */
export function parseUserAgent(ua: string | undefined): ParsedUserAgent | { problem: string; tooLong?: true } {
  if (ua === undefined || ua.trim() === '') return { problem: 'no User-Agent header' };
  if (ua.length > USER_AGENT_MAX_LENGTH) {
    return { problem: `User-Agent is ${ua.length} characters (SP-API rejects more than ${USER_AGENT_MAX_LENGTH})`, tooLong: true };
  }
  const slash = ua.indexOf('/');
  const open = ua.indexOf(' (');
  if (slash <= 0 || open < 0 || slash > open) return { problem: `User-Agent ${JSON.stringify(ua)} is not "AppName/AppVersion (Language=…)"` };
  const appName = ua.slice(0, slash).trim();
  const appVersion = ua.slice(slash + 1, open);
  if (appName === '' || /[()]/.test(appName)) return { problem: `User-Agent ${JSON.stringify(ua)} has no valid AppName` };
  if (appVersion === '' || /\s/.test(appVersion)) return { problem: `User-Agent ${JSON.stringify(ua)} has no valid AppVersion` };
  // Attributes up to the first unescaped ')'.
  const attributes: Record<string, string> = {};
  let i = open + 2;
  let current = '';
  const parts: string[] = [];
  let closed = false;
  for (; i < ua.length; i++) {
    const c = ua[i];
    if (c === '\\' && i + 1 < ua.length) {
      current += ua[i + 1];
      i++;
      continue;
    }
    if (c === ')') {
      closed = true;
      break;
    }
    if (c === ';') {
      parts.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  parts.push(current);
  if (!closed) return { problem: `User-Agent ${JSON.stringify(ua)} does not close its "(…)" attribute list` };
  for (const part of parts) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq < 0 ? part.length : eq).trim();
    const value = eq < 0 ? '' : part.slice(eq + 1).trim();
    if (key === '' || value === '') return { problem: `User-Agent attribute ${JSON.stringify(part.trim())} is not Key=Value` };
    attributes[key] = value;
  }
  if (!attributes.Language) return { problem: `User-Agent ${JSON.stringify(ua)} lacks the required Language attribute` };
  return { appName, appVersion, attributes };
}
