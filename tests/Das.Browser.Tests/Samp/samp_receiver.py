#!/usr/bin/python3
"""A real SAMP receiver for the browser tests (astropy SAMPIntegratedClient, Standard Profile, callbacks on
127.0.0.1 only), modelled on ../shared/peers/samp/std_receiver.py but subscribing to what the page sends and to the
hub's register/unregister events.

For each table.load.votable it downloads the URL and reads the VOTable with astropy (rows and cells are logged);
for image.load.fits it downloads the URL and reads the FITS header with astropy; coord.pointAt.sky is logged as
received. Calls are answered samp.ok (samp.error with the reason when the download or the parse fails). One JSON
line per message goes to LOGFILE, flushed at once. Prints READY <public-id> when subscribed; runs until SIGTERM.

Usage: SAMP_HUB=std-lockurl:file:///path/samp.lock /usr/bin/python3 samp_receiver.py LOGFILE [NAME]
"""
import io
import json
import signal
import sys
import threading
import urllib.request

from astropy.io import fits, votable
from astropy.samp import SAMPIntegratedClient

logfile = sys.argv[1]
name = sys.argv[2] if len(sys.argv) > 2 else "das-test-receiver"
lock = threading.Lock()
stop = threading.Event()


def cell(value):
    """A VOTable cell as JSON: numbers as numbers, masked as null, bytes as text."""
    if value is None or (hasattr(value, "mask") and bool(getattr(value, "mask", False))):
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return value


def read(mtype, params):
    """Fetches params['url'] and reads it as the MType says; returns what was read."""
    info = {}
    if mtype not in ("table.load.votable", "image.load.fits"):
        return info
    with urllib.request.urlopen(params["url"], timeout=20) as response:
        body = response.read()
        info["content_type"] = response.headers.get("Content-Type")
    info["fetched_bytes"] = len(body)
    if mtype == "table.load.votable":
        table = votable.parse_single_table(io.BytesIO(body)).to_table()
        info["columns"] = list(table.colnames)
        info["rows"] = [[cell(row[c]) for c in table.colnames] for row in table]
    else:
        with fits.open(io.BytesIO(body)) as hdus:
            header = hdus[0].header
            info["fits"] = {k: header.get(k) for k in ("SIMPLE", "BITPIX", "NAXIS", "NAXIS1", "NAXIS2")}
    return info


def log(entry):
    with lock, open(logfile, "a") as f:
        f.write(json.dumps(entry) + "\n")
        f.flush()


def handle(kind, sender_id, msg_id, mtype, params):
    entry = {"kind": kind, "sender": sender_id, "msg_id": msg_id, "mtype": mtype, "params": params}
    try:
        entry.update(read(mtype, params))
    except Exception as e:  # noqa: BLE001 - any failure is the test's finding, logged and answered
        entry["error"] = repr(e)
    log(entry)
    return entry


cli = SAMPIntegratedClient(name=name, description="Das browser-test receiver", addr="127.0.0.1")
cli.connect()


def on_notify(private_key, sender_id, mtype, params, extra):
    handle("notify", sender_id, None, mtype, params)


def on_call(private_key, sender_id, msg_id, mtype, params, extra):
    entry = handle("call", sender_id, msg_id, mtype, params)
    if "error" in entry:
        cli.reply(msg_id, {"samp.status": "samp.error", "samp.error": {"samp.errortxt": entry["error"]}})
    else:
        cli.reply(msg_id, {"samp.status": "samp.ok", "samp.result": {}})


for mt in ("table.load.votable", "image.load.fits", "coord.pointAt.sky"):
    cli.bind_receive_notification(mt, on_notify)
    cli.bind_receive_call(mt, on_call)
for mt in ("samp.hub.event.register", "samp.hub.event.unregister"):
    cli.bind_receive_notification(mt, on_notify)
signal.signal(signal.SIGTERM, lambda *a: stop.set())
signal.signal(signal.SIGINT, lambda *a: stop.set())
print("READY", cli.get_public_id(), flush=True)
stop.wait()
cli.disconnect()
