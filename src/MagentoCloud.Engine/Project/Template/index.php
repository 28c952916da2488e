<?php
// The blank site's front controller; a real store has Magento's pub/index.php here.
// Like Magento's, it answers 503 while var/.maintenance.flag exists.
if (is_file(dirname(__DIR__) . '/var/.maintenance.flag')) {
    http_response_code(503);
    echo "<!DOCTYPE html><html><head><title>Maintenance</title></head><body><h1>Back soon</h1></body></html>\n";
    exit;
}
$environment = htmlspecialchars(getenv('MAGENTO_CLOUD_ENVIRONMENT') ?: 'unknown');
echo str_replace('</title>', " · {$environment}</title>", file_get_contents(__DIR__ . '/index.html'));
