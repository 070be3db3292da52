// The directives the official nginx image's binary knows (its core, event and http modules, plus
// stream and mail), with where each is allowed, whether it takes a block and how many arguments —
// what ngx_conf_handler checks before any directive's own handler runs. Names outside this table
// are nginx's `unknown directive`; the argument counts are the modules' NGX_CONF_TAKE* flags.

export type Ctx = "main" | "events" | "http" | "server" | "location" | "upstream" | "if" | "limit_except" | "stream" | "stream_server" | "stream_upstream" | "mail" | "mail_server" | "freeform";

export interface DirectiveSpec {
  contexts: Ctx[];
  block?: boolean;
  /** Minimum and maximum number of arguments. */
  args: [number, number];
}

/** Blocks whose entries are data, not directives (types {}, map {}, geo {}, split_clients {}…). */
export const FREEFORM_BLOCKS: ReadonlySet<Ctx> = new Set(["freeform"]);

/** The context a block directive opens. */
export const BLOCK_CONTEXT: Record<string, Ctx> = {
  events: "events", http: "http", server: "server", location: "location", upstream: "upstream", if: "if",
  limit_except: "limit_except",
  // stream {} and mail {} are read, not checked: the course does not use them.
  stream: "freeform", mail: "freeform",
};

const MANY = 64;
const HSL: Ctx[] = ["http", "server", "location"];
const HSLI: Ctx[] = ["http", "server", "location", "if", "limit_except"];
const SL: Ctx[] = ["server", "location"];

const table: Record<string, DirectiveSpec> = {};
/** Declares directives; a name declared again (a module's other context) widens what it allows. */
const def = (names: string, contexts: Ctx[], args: [number, number], block = false) => {
  for (const n of names.trim().split(/\s+/)) {
    const had = table[n];
    table[n] = had
      ? { contexts: [...new Set([...had.contexts, ...contexts])], args: [Math.min(had.args[0], args[0]), Math.max(had.args[1], args[1])], ...(had.block || block ? { block: true } : {}) }
      : { contexts, args, ...(block ? { block } : {}) };
  }
};

// Core (main context).
def("user", ["main"], [1, 2]);
def("worker_processes worker_rlimit_nofile worker_rlimit_core worker_priority worker_cpu_affinity worker_shutdown_timeout " +
  "daemon master_process pid lock_file timer_resolution working_directory pcre_jit thread_pool load_module " +
  "worker_rlimit_sigpending ssl_engine google_perftools_profiles", ["main"], [1, MANY]);
def("env", ["main"], [1, 1]);
def("error_log", ["main", "http", "server", "location", "stream", "stream_server", "mail", "mail_server"], [1, MANY]);
def("include", ["main", "events", "http", "server", "location", "upstream", "if", "limit_except", "stream", "stream_server", "stream_upstream", "mail", "mail_server"], [1, 1]);
def("events", ["main"], [0, 0], true);
def("http", ["main"], [0, 0], true);
def("stream", ["main"], [0, 0], true);
def("mail", ["main"], [0, 0], true);
// Events.
def("worker_connections use multi_accept accept_mutex accept_mutex_delay debug_connection worker_aio_requests", ["events"], [1, 1]);
// http core. The long list below is checked for where it may stand but not for its number of
// arguments (several take none: `stub_status;`, `empty_gif;`, `mp4;`): better no error than a false one.
def("server", ["http"], [0, 0], true);
def("location", ["server", "location"], [1, 2], true);
def("listen", ["server"], [1, MANY]);
def("server_name", ["server"], [1, MANY]);
def("root", ["http", "server", "location", "if"], [1, 1]);
def("alias", ["location"], [1, 1]);
def("index", HSL, [1, MANY]);
def("try_files", SL, [2, MANY]);
def("return", ["server", "location", "if"], [1, 2]);
def("rewrite", ["server", "location", "if"], [2, 3]);
def("break", ["server", "location", "if"], [0, 0]);
def("set", ["server", "location", "if"], [2, 2]);
def("if", ["server", "location"], [1, MANY], true);
def("rewrite_log uninitialized_variable_warn", HSLI, [1, 1]);
def("error_page", HSLI, [2, MANY]);
def("internal", ["location"], [0, 0]);
def("limit_except", ["location"], [1, MANY], true);
def("types", HSL, [0, 0], true);
def("default_type autoindex autoindex_exact_size autoindex_format autoindex_localtime sendfile sendfile_max_chunk tcp_nopush " +
  "tcp_nodelay server_tokens absolute_redirect server_name_in_redirect port_in_redirect msie_padding msie_refresh " +
  "log_not_found log_subrequest recursive_error_pages chunked_transfer_encoding etag if_modified_since ignore_invalid_headers " +
  "merge_slashes underscores_in_headers client_max_body_size client_body_buffer_size client_body_timeout client_header_timeout " +
  "client_body_in_file_only client_body_in_single_buffer client_header_buffer_size connection_pool_size request_pool_size " +
  "send_timeout reset_timedout_connection lingering_close lingering_time lingering_timeout directio directio_alignment " +
  "output_buffers postpone_output limit_rate limit_rate_after max_ranges keepalive_requests keepalive_time keepalive_disable " +
  "resolver_timeout satisfy auth_delay disable_symlinks open_file_cache_valid open_file_cache_min_uses open_file_cache_errors " +
  "aio aio_write read_ahead subrequest_output_buffer_size types_hash_max_size types_hash_bucket_size " +
  "server_names_hash_max_size server_names_hash_bucket_size variables_hash_max_size variables_hash_bucket_size " +
  "map_hash_max_size map_hash_bucket_size proxy_headers_hash_max_size proxy_headers_hash_bucket_size " +
  "large_client_header_buffers client_body_temp_path keepalive_timeout open_file_cache resolver charset " +
  "source_charset override_charset charset_types expires add_before_body add_after_body addition_types " +
  "ssi ssi_silent_errors ssi_types ssi_value_length ssi_min_file_chunk ssi_last_modified sub_filter sub_filter_once " +
  "sub_filter_types sub_filter_last_modified gunzip gunzip_buffers gzip_static random_index " +
  "auth_basic auth_basic_user_file auth_request auth_request_set empty_gif flv mp4 mp4_buffer_size mp4_max_buffer_size " +
  "secure_link secure_link_md5 secure_link_secret slice stub_status mirror mirror_request_body " +
  "userid userid_domain userid_expires userid_flags userid_mark userid_name userid_p3p userid_path userid_service " +
  "valid_referers referer_hash_max_size referer_hash_bucket_size image_filter image_filter_buffer " +
  "image_filter_interlace image_filter_jpeg_quality image_filter_sharpen image_filter_transparency image_filter_webp_quality " +
  "xslt_stylesheet xslt_types xslt_param xslt_string_param xml_entities dav_methods dav_access create_full_put_path " +
  "min_delete_depth real_ip_header real_ip_recursive set_real_ip_from http2 http2_body_preread_size http2_chunk_size " +
  "http2_max_concurrent_streams http2_recv_buffer_size http2_push http2_push_preload http3 http3_hq http3_max_concurrent_streams " +
  "http3_stream_buffer_size quic_retry quic_gso quic_host_key quic_active_connection_id_limit quic_bpf " +
  "perl perl_modules perl_require perl_set js_import js_content js_set js_path js_var js_body_filter js_header_filter " +
  "log_format access_log open_log_file_cache log_not_found limit_conn limit_conn_zone limit_conn_status " +
  "limit_conn_log_level limit_conn_dry_run limit_req limit_req_zone limit_req_status limit_req_log_level limit_req_dry_run " +
  "allow deny add_header add_trailer map_hash_bucket_size ancient_browser ancient_browser_value modern_browser " +
  "modern_browser_value gzip gzip_buffers gzip_comp_level gzip_disable gzip_http_version gzip_min_length gzip_proxied " +
  "gzip_types gzip_vary", HSLI, [0, MANY]);
def("map geo split_clients charset_map", ["http"], [1, 2], true);
def("upstream", ["http"], [1, 1], true);
// Upstream blocks (their `server` is UPSTREAM_SERVER below).
def("least_conn ip_hash", ["upstream"], [0, 0]);
def("hash random keepalive keepalive_requests keepalive_time keepalive_timeout zone resolver_timeout", ["upstream"], [0, MANY]);
// Proxying modules (proxy, fastcgi, uwsgi, scgi, grpc, memcached) and ssl: any number of arguments,
// http, server and location (proxy_pass and friends only where nginx allows them).
def("proxy_pass fastcgi_pass uwsgi_pass scgi_pass grpc_pass memcached_pass", ["location", "if"], [1, 1]);
const PREFIXED = ["proxy_", "fastcgi_", "uwsgi_", "scgi_", "grpc_", "memcached_", "ssl_", "open_file_cache"];

/**
 * `server` is two directives: a block in http, an address in upstream {}; the table keys one spec
 * per name, so the upstream form is looked up apart.
 */
const UPSTREAM_SERVER: DirectiveSpec = { contexts: ["upstream"], args: [1, MANY] };
const PREFIXED_SPEC: DirectiveSpec = { contexts: ["http", "server", "location", "if", "limit_except"], args: [1, MANY] };

/** The spec ngx_conf_handler finds for a directive read in `ctx`; undefined: unknown directive. */
export function specOf(name: string, ctx: Ctx): DirectiveSpec | undefined {
  if (name === "server" && ctx === "upstream") return UPSTREAM_SERVER;
  const own = Object.hasOwn(table, name) ? table[name] : undefined;
  if (own) return own;
  return PREFIXED.some((p) => name.startsWith(p)) ? PREFIXED_SPEC : undefined;
}
