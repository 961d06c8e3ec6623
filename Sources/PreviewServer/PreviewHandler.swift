import FlyingFox
import Foundation
import Support

/// Answers the browser: the preview build's files (HTML with the live-reload script), the
/// event stream, the "building…" and error pages, and nothing outside the served folders.
struct PreviewHandler: HTTPHandler {
    let preview: PreviewServer

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        switch preview.allowedHosts.check(request.headers.values(for: .host), isHTTP11: request.version == .http11) {
        case .allowed:
            break
        case .badHost(let reason):
            return respond(request, status: .badRequest, type: "text/plain; charset=utf-8",
                           body: Data("الطلب لا يسمّي مضيفًا واحدًا.\nThe request is not valid HTTP/1.1: \(reason).\n".utf8))
        case .misdirected(let host):
            return respond(request, status: .misdirectedRequest, type: "text/html; charset=utf-8", body: Data(StatusPages.misdirected(host).utf8))
        }
        guard request.method == .GET || request.method == .HEAD else {
            return respond(request, status: .methodNotAllowed, type: "text/plain; charset=utf-8", body: Data("GET only\n".utf8),
                           extra: [HTTPHeader("Allow"): "GET, HEAD"])
        }
        // The raw, still percent-encoded path: decoding it is RequestPath's job, after splitting.
        let raw = request.target.path(percentEncoded: true)
        let (phase, generation) = preview.state.current
        if raw == LiveReload.eventsPath {
            if request.method == .HEAD {
                return respond(request, status: .ok, type: "text/event-stream; charset=utf-8", body: Data())
            }
            return eventStream(generation: generation)
        }
        if raw == LiveReload.statusPath {
            return respond(request, status: .ok, type: "application/json", body: status(phase, generation: generation))
        }
        let script = LiveReload.script(generation: generation)
        guard let components = RequestPath.components(raw) else {
            return page(request, status: .badRequest, html: StatusPages.notFound(raw), script: script)
        }
        if case .building = phase {
            return page(request, status: .serviceUnavailable, html: StatusPages.building, script: script,
                        extra: [HTTPHeader("Retry-After"): "1"])
        }

        var file = preview.lookUp(components)
        if let found = file, isDirectory(found) {
            guard raw.hasSuffix("/") else {
                // Pages link to folders relatively ("../other/"); that only works from "…/x/".
                let query = request.target.query(percentEncoded: true)
                return respond(request, status: .found, type: "text/plain; charset=utf-8", body: Data(),
                               extra: [.location: RequestPath.folderAddress(raw) + (query.isEmpty ? "" : "?" + query)])
            }
            file = preview.lookUp(components + ["index.html"])
        }
        let isPage = file.map { $0.pathExtension.lowercased() == "html" } ?? true
        if case .failed(let html, _) = phase, isPage {
            return page(request, status: .internalServerError, html: html, script: script)
        }
        guard let file, let data = try? Data(contentsOf: file) else {
            if let notFound = preview.lookUp(["404.html"]), let data = try? Data(contentsOf: notFound) {
                return respond(request, status: .notFound, type: "text/html; charset=utf-8", body: LiveReload.inject(script, into: data))
            }
            return page(request, status: .notFound, html: StatusPages.notFound(raw.removingPercentEncoding ?? raw), script: script)
        }
        let type = MediaType.of(fileExtension: file.pathExtension)
        let body = type.hasPrefix("text/html") ? LiveReload.inject(script, into: data) : data
        return respond(request, status: .ok, type: type, body: body)
    }

    private func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private func eventStream(generation: String) -> HTTPResponse {
        // retry: EventSource reconnects quickly after a restart of `taawun serve`.
        let first = Array("retry: 500\n\n".utf8) + LiveReload.event(generation: generation)
        let body = HTTPBodySequence(from: EventStreamBody(broadcaster: preview.reload, first: first))
        return HTTPResponse(statusCode: .ok, headers: [
            .contentType: "text/event-stream; charset=utf-8",
            .cacheControl: "no-store",
        ], body: body)
    }

    private func status(_ phase: PreviewState.Phase, generation: String) -> Data {
        struct Status: Encodable { var generation: String; var state: String; var errors: Int }
        let status: Status
        switch phase {
        case .building: status = Status(generation: generation, state: "building", errors: 0)
        case .ready: status = Status(generation: generation, state: "ready", errors: 0)
        case .failed(_, let errors): status = Status(generation: generation, state: "failed", errors: errors)
        }
        return (try? JSONEncoder().encode(status)) ?? Data()
    }

    private func page(_ request: HTTPRequest, status: HTTPStatusCode, html: String, script: String,
                      extra: [HTTPHeader: String] = [:]) -> HTTPResponse {
        respond(request, status: status, type: "text/html; charset=utf-8", body: LiveReload.inject(script, into: Data(html.utf8)), extra: extra)
    }

    /// Never cached: the preview changes with every save.
    private func respond(_ request: HTTPRequest, status: HTTPStatusCode, type: String, body: Data,
                         extra: [HTTPHeader: String] = [:]) -> HTTPResponse {
        var headers: HTTPHeaders = [.contentType: type, .cacheControl: "no-store"]
        for (name, value) in extra { headers[name] = value }
        if request.method == .HEAD {
            headers[.contentLength] = String(body.count)
            return HTTPResponse(statusCode: status, headers: headers, body: Data())
        }
        return HTTPResponse(statusCode: status, headers: headers, body: body)
    }
}
