using System.Text;

namespace MagentoCloud.Engine.Runtime;

/// <summary>
/// One unprivileged nginx on a host, with everything under <see cref="Folder"/>: <c>nginx.conf</c>,
/// <c>sites/&lt;environment&gt;.conf</c>, its pid file, temporary folders and logs. The local default
/// runs one per project (one port for all its environments); an SSH host one per environment.
/// </summary>
public sealed class NginxServer(string folder)
{
    public string Folder { get; } = folder.TrimEnd('/');

    public string ConfigFile => Folder + "/nginx.conf";

    public string PidFile => Folder + "/nginx.pid";

    public string SiteFile(string environment) => $"{Folder}/sites/{environment}.conf";

    public string LogFolder(string environment) => $"{Folder}/logs/{environment}";

    /// <summary>The main configuration: sites are included; a request for a host no site serves gets 421 (Misdirected Request), never another environment's store.</summary>
    public string RenderConfig(string listen)
    {
        var text = new StringBuilder();
        text.Append("# Written by MagentoCloud. Do not edit: the next deploy replaces it.\n");
        text.Append("include ").Append(NginxText.Literal(Folder + "/user.conf")).Append(";\n");
        text.Append("worker_processes 1;\n");
        text.Append("pid ").Append(NginxText.Literal(PidFile)).Append(";\n");
        text.Append("error_log ").Append(NginxText.Literal(Folder + "/logs/error.log")).Append(" warn;\n");
        text.Append("events { worker_connections 1024; }\n");
        text.Append("http {\n");
        text.Append("    include mime.types;\n");
        text.Append("    default_type application/octet-stream;\n");
        text.Append("    server_tokens off;\n    sendfile on;\n    keepalive_timeout 30s;\n");
        text.Append("    server_names_hash_bucket_size 128;\n");
        text.Append("    log_format magento_cloud '$time_iso8601 $remote_addr \"$request\" $status $body_bytes_sent $request_time \"$http_user_agent\"';\n");
        text.Append("    access_log ").Append(NginxText.Literal(Folder + "/logs/access.log")).Append(" magento_cloud;\n");
        foreach (var temp in new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" })
            text.Append("    ").Append(temp).Append("_temp_path ").Append(NginxText.Literal($"{Folder}/tmp/{temp}")).Append(";\n");
        text.Append("    server {\n        listen ").Append(listen).Append(" default_server;\n        return ").Append(HealthProbe.NotServed).Append(";\n    }\n");
        text.Append("    include ").Append(NginxText.Literal(Folder + "/sites/*.conf")).Append(";\n");
        text.Append("}\n");
        return text.ToString();
    }

    /// <summary>What PHP sees of a request; the script is found under <c>current</c>'s real path, read once.</summary>
    public const string FastCgiConfig = """
        fastcgi_param SCRIPT_FILENAME $mc_root$mc_script;
        fastcgi_param DOCUMENT_ROOT $mc_root;
        fastcgi_param PATH_INFO $mc_info;
        fastcgi_param QUERY_STRING $query_string;
        fastcgi_param REQUEST_METHOD $request_method;
        fastcgi_param CONTENT_TYPE $content_type;
        fastcgi_param CONTENT_LENGTH $content_length;
        fastcgi_param REQUEST_URI $request_uri;
        fastcgi_param DOCUMENT_URI $document_uri;
        fastcgi_param SERVER_PROTOCOL $server_protocol;
        fastcgi_param REQUEST_SCHEME $scheme;
        fastcgi_param HTTPS $https if_not_empty;
        fastcgi_param GATEWAY_INTERFACE CGI/1.1;
        fastcgi_param SERVER_SOFTWARE nginx;
        fastcgi_param REMOTE_ADDR $remote_addr;
        fastcgi_param REMOTE_PORT $remote_port;
        fastcgi_param SERVER_ADDR $server_addr;
        fastcgi_param SERVER_PORT $server_port;
        fastcgi_param SERVER_NAME $host;
        fastcgi_param REDIRECT_STATUS 200;
        fastcgi_read_timeout 300s;

        """;

    /// <summary>The types a store serves; nginx's own list is part of the system configuration we leave alone.</summary>
    public const string MimeTypes = """
        types {
            text/html html htm;
            text/css css;
            application/javascript js mjs;
            application/json json map;
            text/plain txt;
            application/xml xml;
            image/gif gif;
            image/jpeg jpeg jpg;
            image/png png;
            image/webp webp;
            image/avif avif;
            image/svg+xml svg svgz;
            image/x-icon ico;
            font/woff woff;
            font/woff2 woff2;
            font/ttf ttf;
            font/otf otf;
            application/vnd.ms-fontobject eot;
            application/pdf pdf;
            video/mp4 mp4;
            video/webm webm;
            audio/mpeg mp3;
            application/zip zip;
            text/x-handlebars-template hbs;
        }

        """;
}
