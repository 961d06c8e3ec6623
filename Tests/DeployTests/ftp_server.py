"""The FTP server the deploy tests publish to: pyftpdlib on the loopback, one user, one folder.

    ftp_server.py PORT FOLDER USER PASSWORD PASSIVE_FIRST

One change from pyftpdlib's own handler: MLSD of a folder that does not exist answers 550, as
vsftpd and ProFTPD do (pyftpdlib answers 501), which rclone reads as "not there yet" and makes it.
"""
import os
import sys

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.servers import FTPServer


class Handler(FTPHandler):
    def ftp_MLSD(self, path):
        if not os.path.lexists(path):
            self.respond("550 No such file or directory.")
            return None
        return super().ftp_MLSD(path)


def main():
    port, folder, user, password, passive = sys.argv[1:6]
    authorizer = DummyAuthorizer()
    authorizer.add_user(user, password, folder, perm="elradfmwMT")
    Handler.authorizer = authorizer
    Handler.passive_ports = range(int(passive), int(passive) + 5)
    server = FTPServer(("127.0.0.1", int(port)), Handler)
    server.serve_forever()


if __name__ == "__main__":
    main()
