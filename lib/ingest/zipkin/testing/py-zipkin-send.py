"""A real py_zipkin reporter (Debian's python3-py-zipkin) sending one two-service trace.

usage: py-zipkin-send.py <zipkin base url> <V1_THRIFT|V1_JSON|V2_JSON> <service prefix>

The frontend's root server span calls the backend over real HTTP with B3 headers
(create_http_headers_for_new_span); the backend continues the trace in its own server span and
does some work in a local span. Every payload is POSTed as py_zipkin encodes it, and each span
sent is printed as one JSON line, `SENT {...}`, with its timing as Zipkin reads it (the span's own
timestamp and duration, else its begin and end annotations), so the test can compare what it
reads back. The id the backend logs for its request is printed as `SERVER_ID <hex>`.
"""
import base64
import json
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer

from py_zipkin.encoding._types import Encoding, Kind
from py_zipkin.transport import BaseTransportHandler
from py_zipkin.zipkin import ZipkinAttrs, create_http_headers_for_new_span, zipkin_client_span, zipkin_span

base_url, encoding_name, prefix = sys.argv[1], sys.argv[2], sys.argv[3]
encoding = Encoding[encoding_name]
FE, BE = prefix + '-fe', prefix + '-be'


def hex64(v):
    return '%016x' % (v & 0xFFFFFFFFFFFFFFFF)


def v1_timing(timestamp, duration, annotations):
    if timestamp and duration:
        return timestamp, duration
    at = {a['value']: a['timestamp'] for a in annotations}
    for begin, end in (('cs', 'cr'), ('sr', 'ss')):
        if begin in at and end in at:
            return at[begin], at[end] - at[begin]
    return timestamp, duration


def describe(payload):
    """The spans of a payload as {name, id, parentId, timestamp, duration}."""
    if encoding == Encoding.V1_THRIFT:
        from thriftpy.protocol.binary import TBinaryProtocol, read_list_begin
        from thriftpy.transport import TMemoryBuffer
        from py_zipkin.thrift import zipkin_core
        buf = TMemoryBuffer(payload)
        _, size = read_list_begin(buf)
        out = []
        for _ in range(size):
            s = zipkin_core.Span()
            s.read(TBinaryProtocol(buf))
            ann = [{'value': a.value, 'timestamp': a.timestamp} for a in s.annotations or []]
            ts, dur = v1_timing(s.timestamp, s.duration, ann)
            out.append({'name': s.name, 'id': hex64(s.id), 'parentId': hex64(s.parent_id) if s.parent_id else None,
                        'timestamp': ts, 'duration': dur})
        return out
    spans = json.loads(payload)
    out = []
    for s in spans:
        if encoding == Encoding.V1_JSON:
            ts, dur = v1_timing(s.get('timestamp'), s.get('duration'), s.get('annotations') or [])
        else:
            ts, dur = s.get('timestamp'), s.get('duration')
        out.append({'name': s['name'], 'id': s['id'], 'parentId': s.get('parentId'), 'timestamp': ts, 'duration': dur,
                    'shared': s.get('shared', False)})
    return out


class HttpTransport(BaseTransportHandler):
    def get_max_payload_bytes(self):
        return None

    def send(self, payload):
        if isinstance(payload, str):
            payload = payload.encode('utf-8')
        path = '/api/v2/spans' if encoding == Encoding.V2_JSON else '/api/v1/spans'
        ctype = 'application/x-thrift' if encoding == Encoding.V1_THRIFT else 'application/json'
        req = urllib.request.Request(base_url + path, data=payload, method='POST', headers={'Content-Type': ctype})
        with urllib.request.urlopen(req) as res:
            assert res.status == 202, res.status
        for s in describe(payload):
            print('SENT ' + json.dumps(s), flush=True)


transport = HttpTransport()


class Backend(BaseHTTPRequestHandler):
    def do_GET(self):
        h = self.headers
        attrs = ZipkinAttrs(trace_id=h['X-B3-TraceId'], span_id=h['X-B3-SpanId'], parent_span_id=h['X-B3-ParentSpanId'],
                            flags=h.get('X-B3-Flags', '0'), is_sampled=h.get('X-B3-Sampled') == '1')
        print('SERVER_ID ' + attrs.span_id, flush=True)
        with zipkin_span(service_name=BE, span_name='GET /items', zipkin_attrs=attrs, transport_handler=transport,
                         kind=Kind.SERVER, encoding=encoding, port=self.server.server_port):
            with zipkin_span(service_name=BE, span_name='load items', encoding=encoding):
                time.sleep(0.01)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'items')

    def log_message(self, *args):
        pass


server = HTTPServer(('127.0.0.1', 0), Backend)
threading.Thread(target=server.serve_forever, daemon=True).start()

with zipkin_span(service_name=FE, span_name='GET /', transport_handler=transport, sample_rate=100.0, kind=Kind.SERVER,
                 encoding=encoding, port=8080) as root:
    with zipkin_client_span(service_name=FE, span_name='call backend', encoding=encoding):
        headers = create_http_headers_for_new_span()
        with urllib.request.urlopen(urllib.request.Request('http://127.0.0.1:%d/items' % server.server_port, headers=headers)) as res:
            res.read()
    print('TRACE_ID ' + root.zipkin_attrs.trace_id, flush=True)
server.shutdown()
