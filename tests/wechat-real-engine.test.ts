// WeChat and WeCom callbacks over the real engine (index of data/reports, local embeddings, createAnswerer) on a real port.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnswerer } from '@report-qa/answer';
import { ReportIndex } from '@report-qa/retrieval';
import {
  computeSignature,
  decryptMessage,
  encryptMessage,
  parseEncryptedEnvelope,
  parseInboundMessage,
  utf8ByteLength,
  verifySignature,
} from '@report-qa/wechat';
import { createWechatMpRoutes } from '../apps/api/src/routes/wechat-mp.js';
import { createWecomRoutes } from '../apps/api/src/routes/wecom.js';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const vectors = JSON.parse(readFileSync(join(root, 'packages/wechat/fixtures/test-vectors.json'), 'utf8')) as {
  id: string;
  token: string;
  encodingAESKey: string;
  receiveId: string;
  cases: { kind: string; timestamp: string; nonce: string; msg_signature?: string; encrypt?: string; echostr?: string; expected_plaintext?: string }[];
}[];
const v1 = vectors.find((set) => set.id === 'V1')!;
const v2 = vectors.find((set) => set.id === 'V2')!;
const mp = { token: v1.token, encodingAESKey: v1.encodingAESKey, receiveId: v1.receiveId };
const work = { token: v2.token, encodingAESKey: v2.encodingAESKey, receiveId: v2.receiveId };

let index: ReportIndex;
let server: ServerType;
let base: string;

beforeAll(async () => {
  // Shared with tests/openai-real-engine.test.ts: the second file finds the reports already indexed.
  const indexDir = join(tmpdir(), 'report-qa-e2e-wechat-index');
  const modelDir = process.env.EMBEDDING_MODEL_DIR ?? '/work/shared/models';
  const open = () => ReportIndex.open(indexDir, { embeddings: { provider: 'local', modelDir } });
  mkdirSync(indexDir, { recursive: true });
  // A leftover index from an older build may not open: start afresh.
  index = await open().catch(() => {
    rmSync(indexDir, { recursive: true, force: true });
    mkdirSync(indexDir, { recursive: true });
    return open();
  });
  await index.indexReports(join(root, 'data/reports'));
  const answerer = createAnswerer({ searcher: index });
  const app = new Hono()
    .route('/wechat/mp', createWechatMpRoutes({ answerer, config: { token: mp.token, appId: mp.receiveId, encodingAESKey: mp.encodingAESKey, appSecret: null } }))
    .route('/wechat/work', createWecomRoutes({ answerer, config: { token: work.token, corpId: work.receiveId, encodingAESKey: work.encodingAESKey } }));
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((done) => server.once('listening', () => done()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 240_000);

afterAll(async () => {
  server?.close();
  await index?.close();
});

let sequence = 0;
function userMessage(content: string, extra = ''): string {
  sequence += 1;
  return `<xml><ToUserName><![CDATA[gh_account]]></ToUserName><FromUserName><![CDATA[oE2eUser]]></FromUserName><CreateTime>${1700000000 + sequence}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${9007199254740993n + BigInt(sequence)}</MsgId>${extra}</xml>`;
}

function readReply(keys: typeof mp, body: string) {
  const { encrypt } = parseEncryptedEnvelope(body);
  const signature = /<MsgSignature><!\[CDATA\[(\w+)\]\]>/.exec(body)?.[1] ?? '';
  const timestamp = /<TimeStamp>(\d+)</.exec(body)?.[1] ?? '';
  const nonce = /<Nonce><!\[CDATA\[(\d+)\]\]>/.exec(body)?.[1] ?? '';
  expect(verifySignature({ token: keys.token, timestamp, nonce, encrypt, signature })).toBe(true);
  return parseInboundMessage(decryptMessage(encrypt, { encodingAESKey: keys.encodingAESKey, receiveId: keys.receiveId }).message);
}

/** Sends a message in safe mode the way WeChat does (both signatures for the Official Account). */
async function send(path: '/wechat/mp' | '/wechat/work', keys: typeof mp, xml: string) {
  const timestamp = String(1700000000 + sequence);
  const nonce = String(100000 + sequence);
  const encrypt = encryptMessage(xml, { encodingAESKey: keys.encodingAESKey, receiveId: keys.receiveId });
  const query = new URLSearchParams({ timestamp, nonce, msg_signature: computeSignature(keys.token, timestamp, nonce, encrypt) });
  if (path === '/wechat/mp') {
    query.set('signature', computeSignature(keys.token, timestamp, nonce));
    query.set('encrypt_type', 'aes');
  }
  const response = await fetch(`${base}${path}?${query}`, { method: 'POST', body: `<xml><ToUserName><![CDATA[x]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>` });
  expect(response.status).toBe(200);
  return readReply(keys, await response.text());
}

/** Asks, and collects the answer with a second message if it was not ready within WeChat's 5 seconds. */
async function askFor(path: '/wechat/mp' | '/wechat/work', keys: typeof mp, question: string, extra = '') {
  let reply = await send(path, keys, userMessage(question, extra));
  while (reply.content?.startsWith('答案') && reply.content.includes('请稍后回复任意内容')) {
    await new Promise((done) => setTimeout(done, 1000));
    reply = await send(path, keys, userMessage('1', extra));
  }
  return reply;
}
const ask = async (path: '/wechat/mp' | '/wechat/work', keys: typeof mp, question: string) => (await askFor(path, keys, question)).content ?? '';

describe('Official Account (/wechat/mp) over the real engine', () => {
  it('verifies the URL and answers the published safe-mode vector', async () => {
    const plain = await fetch(`${base}/wechat/mp?${new URLSearchParams({ signature: '16120ec1b8dbb870f510d87ce6bc2463eae6ca1a', timestamp: '1409735669', nonce: '1320562132', echostr: 'e2e-echo' })}`);
    expect(await plain.text()).toBe('e2e-echo');
    const item = v1.cases.find((entry) => entry.kind === 'decrypt')!;
    const query = new URLSearchParams({ signature: '16120ec1b8dbb870f510d87ce6bc2463eae6ca1a', timestamp: item.timestamp, nonce: item.nonce, encrypt_type: 'aes', msg_signature: item.msg_signature! });
    const body = `<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><Encrypt><![CDATA[${item.encrypt}]]></Encrypt></xml>`;
    const response = await fetch(`${base}/wechat/mp?${query}`, { method: 'POST', body });
    const reply = readReply(mp, await response.text());
    expect(reply.toUserName).toBe('oyORnuP8q7ou2gfYjqLzSIWZf0rs');
    expect(reply.content!.length).toBeGreaterThan(0);
    query.set('nonce', '1320562133');
    expect((await fetch(`${base}/wechat/mp?${query}`, { method: 'POST', body })).status).toBe(403);
  });

  it('answers questions from the evaluation set with the figure and a short source footer', async () => {
    // qa-dev q056 and q040: the evidence is in 002_108f9e6d3c976853.txt and 004_21f6359df466e4c8.txt.
    const first = await ask('/wechat/mp', mp, '海西2021年法律援助帮群众挽回了多少经济损失？');
    expect(first).toContain('1920.605万元');
    expect(first).toMatch(/来源：\[1\] 海西.*2021年报告/);
    expect(first).not.toMatch(/\*\*|^#/m);
    expect(utf8ByteLength(first)).toBeLessThanOrEqual(2048);
    const second = await ask('/wechat/mp', mp, '城东区执法证换证换的是哪年发的证');
    expect(second).toContain('2012年');
    expect(second).toMatch(/来源：\[1\] .*城东区2017年报告/);
  });
});

describe('WeCom (/wechat/work) over the real engine', () => {
  it('verifies the URL with the published echostr and answers an encrypted question, keeping the AgentID', async () => {
    const verify = v2.cases.find((entry) => entry.kind === 'verify_url')!;
    const response = await fetch(`${base}/wechat/work?${new URLSearchParams({ msg_signature: verify.msg_signature!, timestamp: verify.timestamp, nonce: verify.nonce, echostr: verify.echostr! })}`);
    expect(await response.text()).toBe(verify.expected_plaintext);
    const reply = await askFor('/wechat/work', work, '湟中自然资源执法收了多少罚没款', '<AgentID>1000002</AgentID>');
    expect(reply).toMatchObject({ toUserName: 'oE2eUser', agentId: '1000002', msgType: 'text' });
    expect(reply.content).toContain('34.19万元');
    expect(reply.content).toContain('来源：[1]');
  });
});
