// /etc/nginx/mime.types as the nginx.org packages install it: nginx.conf includes it in http {},
// and static files get their Content-Type from it (src/sim/runtime/nginx). Also the packages'
// fastcgi_params, scgi_params and uwsgi_params, which PHP and Python configurations include.

const TYPES: [string, string][] = [
  ["text/html", "html htm shtml"], ["text/css", "css"], ["text/xml", "xml"], ["image/gif", "gif"], ["image/jpeg", "jpeg jpg"],
  ["application/javascript", "js"], ["application/atom+xml", "atom"], ["application/rss+xml", "rss"], ["", ""],
  ["text/mathml", "mml"], ["text/plain", "txt"], ["text/vnd.sun.j2me.app-descriptor", "jad"], ["text/vnd.wap.wml", "wml"],
  ["text/x-component", "htc"], ["", ""],
  ["image/avif", "avif"], ["image/png", "png"], ["image/svg+xml", "svg svgz"], ["image/tiff", "tif tiff"], ["image/vnd.wap.wbmp", "wbmp"],
  ["image/webp", "webp"], ["image/x-icon", "ico"], ["image/x-jng", "jng"], ["image/x-ms-bmp", "bmp"], ["", ""],
  ["font/woff", "woff"], ["font/woff2", "woff2"], ["", ""],
  ["application/java-archive", "jar war ear"], ["application/json", "json"], ["application/mac-binhex40", "hqx"],
  ["application/msword", "doc"], ["application/pdf", "pdf"], ["application/postscript", "ps eps ai"], ["application/rtf", "rtf"],
  ["application/vnd.apple.mpegurl", "m3u8"], ["application/vnd.google-earth.kml+xml", "kml"], ["application/vnd.google-earth.kmz", "kmz"],
  ["application/vnd.ms-excel", "xls"], ["application/vnd.ms-fontobject", "eot"], ["application/vnd.ms-powerpoint", "ppt"],
  ["application/vnd.oasis.opendocument.graphics", "odg"], ["application/vnd.oasis.opendocument.presentation", "odp"],
  ["application/vnd.oasis.opendocument.spreadsheet", "ods"], ["application/vnd.oasis.opendocument.text", "odt"],
  ["application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"],
  ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"],
  ["application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"],
  ["application/vnd.wap.wmlc", "wmlc"], ["application/wasm", "wasm"], ["application/x-7z-compressed", "7z"], ["application/x-cocoa", "cco"],
  ["application/x-java-archive-diff", "jardiff"], ["application/x-java-jnlp-file", "jnlp"], ["application/x-makeself", "run"],
  ["application/x-perl", "pl pm"], ["application/x-pilot", "prc pdb"], ["application/x-rar-compressed", "rar"],
  ["application/x-redhat-package-manager", "rpm"], ["application/x-sea", "sea"], ["application/x-shockwave-flash", "swf"],
  ["application/x-stuffit", "sit"], ["application/x-tcl", "tcl tk"], ["application/x-x509-ca-cert", "der pem crt"],
  ["application/x-xpinstall", "xpi"], ["application/xhtml+xml", "xhtml"], ["application/xspf+xml", "xspf"], ["application/zip", "zip"], ["", ""],
  ["application/octet-stream", "bin exe dll"], ["application/octet-stream", "deb"], ["application/octet-stream", "dmg"],
  ["application/octet-stream", "iso img"], ["application/octet-stream", "msi msp msm"], ["", ""],
  ["audio/midi", "mid midi kar"], ["audio/mpeg", "mp3"], ["audio/ogg", "ogg"], ["audio/x-m4a", "m4a"], ["audio/x-realaudio", "ra"], ["", ""],
  ["video/3gpp", "3gpp 3gp"], ["video/mp2t", "ts"], ["video/mp4", "mp4"], ["video/mpeg", "mpeg mpg"], ["video/quicktime", "mov"],
  ["video/webm", "webm"], ["video/x-flv", "flv"], ["video/x-m4v", "m4v"], ["video/x-mng", "mng"], ["video/x-ms-asf", "asx asf"],
  ["video/x-ms-wmv", "wmv"], ["video/x-msvideo", "avi"],
];

/** The file's text: one `type  extensions;` per line, long types with their extensions on the next line. */
export const NGINX_MIME_TYPES = "\ntypes {\n" + TYPES.map(([t, e]) => {
  if (!t) return "";
  return t.length > 48 ? `    ${t}\n${" ".repeat(53)}${e};\n` : `    ${t.padEnd(49)}${e};\n`;
}).join("").replace(/\n\n/g, "\n\n") + "}\n";

const params = (prefix: string, rows: [string, string][]): string =>
  rows.map(([k, v]) => (k.startsWith("#") || k === "" ? `${k}\n` : `${prefix}  ${k.padEnd(18)} ${v};\n`)).join("");

const CGI_ROWS: [string, string][] = [
  ["", ""], ["QUERY_STRING", "$query_string"], ["REQUEST_METHOD", "$request_method"], ["CONTENT_TYPE", "$content_type"],
  ["CONTENT_LENGTH", "$content_length"], ["", ""],
];
const SERVER_ROWS: [string, string][] = [
  ["REQUEST_URI", "$request_uri"], ["DOCUMENT_URI", "$document_uri"], ["DOCUMENT_ROOT", "$document_root"],
  ["SERVER_PROTOCOL", "$server_protocol"], ["REQUEST_SCHEME", "$scheme"], ["HTTPS", "$https if_not_empty"], ["", ""],
  ["REMOTE_ADDR", "$remote_addr"], ["REMOTE_PORT", "$remote_port"], ["SERVER_PORT", "$server_port"], ["SERVER_NAME", "$server_name"],
];

export const NGINX_PARAMS_FILES: Record<string, string> = {
  "/etc/nginx/fastcgi_params": params("fastcgi_param", [
    ...CGI_ROWS, ["SCRIPT_NAME", "$fastcgi_script_name"], ...SERVER_ROWS.slice(0, 7),
    ["GATEWAY_INTERFACE", "CGI/1.1"], ["SERVER_SOFTWARE", "nginx/$nginx_version"], ["", ""],
    ["REMOTE_ADDR", "$remote_addr"], ["REMOTE_PORT", "$remote_port"], ["SERVER_ADDR", "$server_addr"], ["SERVER_PORT", "$server_port"],
    ["SERVER_NAME", "$server_name"], ["", ""], ["# PHP only, required if PHP was built with --enable-force-cgi-redirect", ""],
    ["REDIRECT_STATUS", "200"],
  ]),
  "/etc/nginx/scgi_params": params("scgi_param", [...CGI_ROWS.slice(1), ["", ""], ...SERVER_ROWS]),
  "/etc/nginx/uwsgi_params": params("uwsgi_param", [...CGI_ROWS.slice(1), ["", ""], ...SERVER_ROWS]),
};
