"""Exit 0 when URL answers with any HTTP status (a worker is serving), 1 otherwise.

Usage: python bench/ready.py URL
"""
import sys
import urllib.error
import urllib.request

try:
    urllib.request.urlopen(sys.argv[1], timeout=2).close()
except urllib.error.HTTPError:
    pass  # 403 or 404 is an answer all the same
except OSError:
    sys.exit(1)
