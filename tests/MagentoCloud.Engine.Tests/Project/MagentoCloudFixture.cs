namespace MagentoCloud.Engine.Tests.Project;

/// <summary>
/// A project laid out like Magento's own cloud template: ece-tools hooks, mysql, redis, opensearch,
/// rabbitmq, http routes to the app, and a typical .magento.env.yaml.
/// </summary>
internal static class MagentoCloudFixture
{
    public const string App = """
        # The application.
        name: mymagento
        type: php:8.3
        build:
            flavor: none

        dependencies:
            php:
                composer/composer: '2.7.7'

        runtime:
            extensions:
                - xsl
                - sodium
                - redis

        relationships:
            database: "mysql:mysql"
            redis: "redis:redis"
            opensearch: "opensearch:opensearch"
            rabbitmq: "rabbitmq:rabbitmq"

        web:
            locations:
                "/":
                    root: "pub"
                    passthru: "/index.php"
                    index:
                        - index.php
                    expires: -1
                    scripts: true
                    allow: false
                    rules:
                        \.(css|js|map|hbs|gif|jpe?g|png|tiff|ico|svgz|woff|ttf|eot|otf|html?)$:
                            allow: true
                        ^/sitemap(.*)\.xml$:
                            passthru: "/media/sitemap$1.xml"
                "/media":
                    root: "pub/media"
                    allow: true
                    scripts: false
                    expires: 1y
                    passthru: "/get.php"
                "/static":
                    root: "pub/static"
                    allow: true
                    scripts: false
                    expires: 1y
                    passthru: "/front-static.php"
                    rules:
                        ^/static/version\d+/(?<resource>.*)$:
                            passthru: "/static/$resource"

        disk: 5120

        mounts:
            "var": "shared:files/var"
            "app/etc": "shared:files/etc"
            "pub/media": "shared:files/media"
            "pub/static": "shared:files/static"

        hooks:
            build: |
                set -e
                composer install
                php ./vendor/bin/ece-tools run scenario/build/generate.xml
                php ./vendor/bin/ece-tools run scenario/build/transfer.xml
            deploy: |
                php ./vendor/bin/ece-tools run scenario/deploy.xml
            post_deploy: |
                php ./vendor/bin/ece-tools run scenario/post-deploy.xml

        crons:
            cronrun:
                spec: "* * * * *"
                cmd: "php bin/magento cron:run"

        variables:
            env:
                CONFIG__DEFAULT__PAYPAL_ONBOARDING__MIDDLEMAN_DOMAIN: 'payment-broker.magento.com'
                CONFIG__STORES__DEFAULT__PAYPAL__NOTATION_CODE: 'Magento_Enterprise_Cloud'
        """;

    public const string Services = """
        mysql:
            type: mysql:10.6
            disk: 2048

        redis:
            type: redis:7.2

        opensearch:
            type: opensearch:2
            disk: 1024

        rabbitmq:
            type: rabbitmq:3.13
            disk: 1024
        """;

    public const string Routes = """
        "http://{default}/":
            type: upstream
            upstream: "mymagento:http"

        "http://{all}/":
            type: upstream
            upstream: "mymagento:http"

        "https://{default}/":
            type: upstream
            upstream: "mymagento:http"
            cache:
                enabled: true
                cookies: ["PHPSESSID"]
        """;

    public const string Env = """
        stage:
            global:
                SCD_ON_DEMAND: false
                SKIP_HTML_MINIFICATION: true
                MIN_LOGGING_LEVEL: info
            build:
                SCD_THREADS: 2
                SCD_STRATEGY: compact
                SCD_COMPRESSION_LEVEL: 6
                SKIP_SCD: false
                QUALITY_PATCHES:
                    - MDVA-30106
            deploy:
                REDIS_BACKEND: '\Magento\Framework\Cache\Backend\RemoteSynchronizedCache'
                CLEAN_STATIC_FILES: true
                UPDATE_URLS: false
                MYSQL_USE_SLAVE_CONNECTION: true
                REDIS_USE_SLAVE_CONNECTION: true
                CRON_CONSUMERS_RUNNER:
                    cron_run: true
                    max_messages: 1000
                    consumers: []
                SEARCH_CONFIGURATION:
                    engine: opensearch
                    _merge: true
                CACHE_CONFIGURATION:
                    _merge: true
                    frontend:
                        default:
                            backend_options:
                                read_timeout: 10
                LOCK_PROVIDER: db
            post-deploy:
                WARM_UP_PAGES:
                    - "index.php"
                    - "index.php/customer/account/create"
                TTFB_TESTED_PAGES: []
        log:
            email:
                to: ops@example.com
                from: cloud@example.com
                subject: "Log notification from Magento Cloud"
                min_level: "notice"
        """;

    public static TempProject Create() => new TempProject()
        .With(".magento.app.yaml", App)
        .With(".magento/services.yaml", Services)
        .With(".magento/routes.yaml", Routes)
        .With(".magento.env.yaml", Env);
}
