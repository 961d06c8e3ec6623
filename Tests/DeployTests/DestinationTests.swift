import Deploy
import Diagnostics
import Foundation
import Testing

/// Destinations as written in --to or site.yaml.
struct DestinationTests {
    let base = URL(fileURLWithPath: "/srv/site")

    @Test func kinds() throws {
        let folder = try Destination.parse("../www", base: base)
        #expect(folder.kind == .folder && folder.target == "/srv/www/" && folder.engine == .rsync)
        let ssh = try Destination.parse("deploy@example.org:/var/www/digest", base: base)
        #expect(ssh.kind == .rsync && ssh.target == "deploy@example.org:/var/www/digest/")
        let s3 = try Destination.parse("s3://my-bucket/digest/", base: base)
        #expect(s3.kind == .s3 && s3.target == ":s3:my-bucket/digest" && s3.takesHeaders)
        let sftp = try Destination.parse("sftp://editor@host.example:2222/srv/www", base: base)
        #expect(sftp.target == ":sftp:/srv/www" && sftp.settings == ["RCLONE_SFTP_HOST": "host.example", "RCLONE_SFTP_USER": "editor", "RCLONE_SFTP_PORT": "2222"])
        let ftp = try Destination.parse("ftp://editor@ftp.example/public_html", base: base)
        #expect(ftp.target == ":ftp:public_html" && ftp.settings["RCLONE_FTP_HOST"] == "ftp.example")
        let dav = try Destination.parse("webdavs://dav.example/remote.php/webdav/site", base: base)
        #expect(dav.target == ":webdav:remote.php/webdav/site" && dav.settings["RCLONE_WEBDAV_URL"] == "https://dav.example")
        let named = try Destination.parse("r2:digest", base: base, rcloneRemotes: { ["r2": "s3"] })
        #expect(named.kind == .rcloneRemote && named.target == "r2:digest" && named.takesHeaders)
        let host = try Destination.parse("myhost:www", base: base, rcloneRemotes: { ["r2": "s3"] })
        #expect(host.kind == .rsync)
        // Each destination keeps its own record.
        #expect(Set([folder, ssh, s3, sftp, ftp, dav, named].map(\.id)).count == 7)
    }

    @Test func passwordsAreRefusedAndNotRepeated() {
        let location = SourceLocation(file: "content/site.yaml", line: 7, column: 9)
        do {
            _ = try Destination.parse("ftp://editor:hunter2secret@ftp.example/www", base: base, location: location)
            Issue.record("a password in the address was accepted")
        } catch {
            let text = error.diagnostic.description
            #expect(!text.contains("hunter2secret"))
            #expect(text.contains("content/site.yaml:7:9") && text.contains("RCLONE_FTP_PASS"))
        }
    }

    @Test func unknownSchemes() {
        #expect(throws: DeployError.self) { try Destination.parse("gopher://x/y", base: base) }
        #expect(throws: DeployError.self) { try Destination.parse("  ", base: base) }
    }
}
