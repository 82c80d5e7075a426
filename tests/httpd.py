#!/usr/bin/python3
"""A web server for the tests, on 127.0.0.1 at a free port.

    httpd.py DIR PORTFILE [DELAY]

Serves the files of DIR, writes its port to PORTFILE once it listens,
waits DELAY seconds (default 0) before each answer, and stops by itself
after two minutes; the tests kill it sooner.
"""

import functools
import http.server
import os
import sys
import threading
import time


class Handler(http.server.SimpleHTTPRequestHandler):
	delay = 0.0

	def do_GET(self):
		time.sleep(self.delay)
		super().do_GET()

	def log_message(self, *args):
		pass


def main():
	folder, portfile = sys.argv[1], sys.argv[2]
	Handler.delay = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
	srv = http.server.ThreadingHTTPServer(
	    ("127.0.0.1", 0), functools.partial(Handler, directory=folder))
	# ksconv hangs up on a picture over its limit: not an error here.
	srv.handle_error = lambda *args: None
	with open(portfile + ".tmp", "w") as f:
		f.write(str(srv.server_address[1]))
	os.rename(portfile + ".tmp", portfile)
	threading.Timer(120, srv.shutdown).start()
	srv.serve_forever()


if __name__ == "__main__":
	main()
