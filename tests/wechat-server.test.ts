// The built server (node apps/api/dist/main.js serve) with WeChat, WeCom and API keys configured: the routes as deployed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import type { Citation } from '@report-qa/answer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeSignature, encryptMessage, utf8ByteLength } from '@report-qa/wechat';
import { readEncryptedReply, safeModeRequest, testVectors, textMessageXml, type SafeModeKeys, type VectorSet } from '@report-qa/wechat/testing';
import { repositoryRoot, startServer, type RunningServer } from './support/start-server.js';

const keysOf = (set: VectorSet): SafeModeKeys & { token: string } => ({ token: set.token!, encodingAESKey: set.encodingAESKey!, receiveId: set.receiveId! });
const v1set = testVectors.find((set) => set.id === 'V1')!;
const v2set = testVectors.find((set) => set.id === 'V2')!;
const v1 = { ...keysOf(v1set), cases: v1set.cases };
const v2 = { ...keysOf(v2set), cases: v2set.cases };
const apiKey = 'sk-e2e-wechat-server';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({
    env: {
      API_KEYS: apiKey,
      WECHAT_TOKEN: v1.token,
      WECHAT_APP_ID: v1.receiveId,
      WECHAT_ENCODING_AES_KEY: v1.encodingAESKey,
      WECOM_TOKEN: v2.token,
      WECOM_CORP_ID: v2.receiveId,
      WECOM_ENCODING_AES_KEY: v2.encodingAESKey,
    },
  });
}, 300_000);

afterAll(async () => {
  await server?.close();
});

/** WeChat's timestamps are seconds; the server refuses those more than 5 minutes from its clock. */
const nowSeconds = () => String(Math.floor(Date.now() / 1000));
let sequence = 0;
async function askOfficialAccount(content: string) {
  sequence += 1;
  const xml = textMessageXml({ from: 'oServerUser', content, msgId: `${7000000000000000000n + BigInt(sequence)}` });
  const { query, body } = safeModeRequest(v1, xml, nowSeconds(), String(424242 + sequence));
  const started = Date.now();
  const response = await fetch(`${server.url}/wechat/mp?${query}`, { method: 'POST', body });
  expect(Date.now() - started).toBeLessThan(5000);
  expect(response.status).toBe(200);
  return readEncryptedReply(v1, await response.text()).content ?? '';
}

describe('the deployed WeChat routes', () => {
  it('verifies the Official Account URL and refuses a forged one', async () => {
    // The published vectors are signed in 2014 (they pass in wechat-mp.test.ts with the route's clock set there).
    const timestamp = nowSeconds();
    const url = (signature: string, nonce: string) => `${server.url}/wechat/mp?${new URLSearchParams({ signature, timestamp, nonce, echostr: '987654321' })}`;
    expect(await (await fetch(url(computeSignature(v1.token, timestamp, '1320562132'), '1320562132'))).text()).toBe('987654321');
    // Forged: the right signature with its last hex digit changed (always to a different digit, whatever the clock gives).
    const signature = computeSignature(v1.token, timestamp, '1320562133');
    const forged = signature.slice(0, -1) + (signature.endsWith('0') ? '1' : '0');
    expect((await fetch(url(forged, '1320562133'))).status).toBe(403);
  });

  it('refuses the published Official Account message: signed in 2014, far outside the 5-minute window (issue 11, item 5)', async () => {
    const item = v1.cases.find((entry) => entry.kind === 'decrypt')!;
    const query = new URLSearchParams({ signature: computeSignature(v1.token, item.timestamp, item.nonce), timestamp: item.timestamp, nonce: item.nonce, encrypt_type: 'aes', msg_signature: item.msg_signature! });
    const response = await fetch(`${server.url}/wechat/mp?${query}`, { method: 'POST', body: `<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><Encrypt><![CDATA[${item.encrypt}]]></Encrypt></xml>` });
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('<Encrypt>');
  });

  it('answers a user in safe mode within 5 seconds, with the figure and the source', async () => {
    // qa-dev q049: the evidence is in 001_f8b6fe307ef2b7ed.txt (湟中区, 2020).
    let reply = await askOfficialAccount('湟中自然资源执法收了多少罚没款');
    if (reply.includes('请稍后回复任意内容')) {
      await new Promise((done) => setTimeout(done, 3000));
      reply = await askOfficialAccount('好');
    }
    expect(reply).toContain('34.19万元');
    expect(reply).toContain('来源：[1]');
    expect(utf8ByteLength(reply)).toBeLessThanOrEqual(2048);
  });

  it('verifies the WeCom URL with the published echostr, and answers an encrypted message keeping the AgentID', async () => {
    const item = v2.cases.find((entry) => entry.kind === 'verify_url')!;
    // The published echostr, signed again now (its own timestamp is from 2014).
    const verifiedAt = nowSeconds();
    const verifyQuery = { msg_signature: computeSignature(v2.token, verifiedAt, item.nonce, item.echostr!), timestamp: verifiedAt, nonce: item.nonce, echostr: item.echostr! };
    const response = await fetch(`${server.url}/wechat/work?${new URLSearchParams(verifyQuery)}`);
    expect(await response.text()).toBe(item.expected_plaintext);

    // qa-dev q056: the evidence is in 002_108f9e6d3c976853.txt (海西州, 2021).
    const ask = async (content: string, msgId: string) => {
      const timestamp = nowSeconds();
      const nonce = `31337${msgId.slice(-3)}`;
      const xml = `<xml><ToUserName><![CDATA[${v2.receiveId}]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName><CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId><AgentID>1000002</AgentID></xml>`;
      const encrypt = encryptMessage(xml, { encodingAESKey: v2.encodingAESKey, receiveId: v2.receiveId });
      const query = new URLSearchParams({ msg_signature: computeSignature(v2.token, timestamp, nonce, encrypt), timestamp, nonce });
      const body = `<xml><ToUserName><![CDATA[${v2.receiveId}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`;
      return readEncryptedReply(v2, await (await fetch(`${server.url}/wechat/work?${query}`, { method: 'POST', body })).text());
    };
    let reply = await ask('海西2021年法律援助帮群众挽回了多少经济损失？', '8000000000000000001');
    if (reply.content?.includes('请稍后回复任意内容')) {
      await new Promise((done) => setTimeout(done, 3000));
      reply = await ask('好', '8000000000000000002');
    }
    expect(reply).toMatchObject({ toUserName: 'zhangsan', fromUserName: v2.receiveId, agentId: '1000002' });
    expect(reply.content).toContain('1920.605万元');
    expect(reply.content).toMatch(/来源：\[1\] 海西.*2021年报告/);
  });

});

/** Every quote must be an exact substring of the report it cites. */
function expectExactQuotes(citations: Citation[]) {
  expect(citations.length).toBeGreaterThan(0);
  for (const citation of citations) {
    const report = readFileSync(join(repositoryRoot, 'data/reports', citation.source), 'utf8');
    expect(report.slice(citation.start, citation.end)).toBe(citation.quote);
  }
}

describe('the deployed OpenAI-compatible endpoint', () => {
  // qa-dev q040: the evidence is in 004_21f6359df466e4c8.txt (城东区, 2017).
  const question = '城东区执法证换证换的是哪年发的证';
  const client = () => new OpenAI({ apiKey, baseURL: `${server.url}/v1`, maxRetries: 0 });

  it('answers the official openai client without streaming, with exact citations', async () => {
    const completion = await client().chat.completions.create({ model: 'report-qa', messages: [{ role: 'system', content: '你是助手' }, { role: 'user', content: question }] });
    const message = completion.choices[0]!.message as unknown as OpenAI.ChatCompletionMessage & { citations: Citation[] };
    expect(message.content).toContain('2012年');
    expect(message.content).toContain('来源：[1]');
    expect(completion.usage!.completion_tokens).toBeGreaterThan(0);
    expect(message.citations.some((citation) => citation.source === '004_21f6359df466e4c8.txt')).toBe(true);
    expectExactQuotes(message.citations);
  });

  it('streams to the official openai client, citations merged into the final message', async () => {
    const runner = client().chat.completions.stream({ model: 'report-qa', messages: [{ role: 'user', content: question }], stream_options: { include_usage: true } });
    let deltas = 0;
    runner.on('content', () => (deltas += 1));
    const final = await runner.finalChatCompletion();
    const message = final.choices[0]!.message as unknown as OpenAI.ChatCompletionMessage & { citations: Citation[] };
    expect(deltas).toBeGreaterThan(0);
    expect(message.content).toContain('2012年');
    expectExactQuotes(message.citations);
    expect(final.usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('gives a chatgpt-on-wechat-shaped request a reply it accepts (completion_tokens > 0)', async () => {
    const response = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({
        model: 'gpt-3.5-turbo',
        messages: [
          { role: 'system', content: '你是ChatGPT, 一个由OpenAI训练的大型语言模型。' },
          { role: 'user', content: '湟中自然资源执法收了多少罚没款' },
        ],
        temperature: 0.9,
        top_p: 1,
        frequency_penalty: 0.0,
        presence_penalty: 0.0,
        stream: false,
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { choices: { message: { content: string } }[]; usage: { completion_tokens: number; total_tokens: number } };
    expect(body.usage.completion_tokens).toBeGreaterThan(0);
    expect(body.choices[0]!.message.content).toContain('34.19万元');
  });

  it('refuses a wrong key with the client’s AuthenticationError', async () => {
    const anonymous = new OpenAI({ apiKey: 'wrong', baseURL: `${server.url}/v1`, maxRetries: 0 });
    await expect(anonymous.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });
});
