#!/usr/bin/env python3
"""The floor for a client's work over HTTP (the portal's catalog, a replay's reads and look-ups):
the same requests the client sent, posted one after another over one kept-alive connection per
server, each answer read whole and parsed with CPython's json module. Nothing a client could
leave out. Prints: seconds, CPU seconds, parse MB/s.

usage: catalog_floor.py REQUESTS.json   (a list of {"url": ..., "body": ...})"""
import http.client
import json
import sys
import time
import urllib.parse

requests = json.load(open(sys.argv[1]))
connections = {}
parse_seconds = 0.0
parsed_bytes = 0
cpu = time.process_time()
start = time.perf_counter()
for request in requests:
    url = urllib.parse.urlsplit(request["url"])
    if (url.hostname, url.port) not in connections:
        connections[(url.hostname, url.port)] = http.client.HTTPConnection(url.hostname, url.port)
    connection = connections[(url.hostname, url.port)]
    connection.request("POST", url.path, body=request["body"].encode(),
                       headers={"Content-Type": "application/json", "Accept": "application/json"})
    body = connection.getresponse().read()
    t = time.perf_counter()
    json.loads(body)
    parse_seconds += time.perf_counter() - t
    parsed_bytes += len(body)
elapsed = time.perf_counter() - start
print(f"{elapsed:.4f} {time.process_time() - cpu:.4f} {parsed_bytes / parse_seconds / 1e6:.1f}")
