<?php
// Maintenance, decided by the application as Magento's index.php does.
$app = dirname(__DIR__);
if (is_file($app . '/var/.maintenance.flag')) {
    http_response_code(503);
    echo "<html><head><title>Maintenance</title></head><body>Service Unavailable</body></html>";
    exit;
}

function cloud_variable(string $name): array
{
    $value = getenv($name);
    return $value === false ? [] : (json_decode(base64_decode($value), true) ?: []);
}

$relationships = cloud_variable('MAGENTO_CLOUD_RELATIONSHIPS');
$routes = cloud_variable('MAGENTO_CLOUD_ROUTES');
$database = 'none';
if (isset($relationships['database'][0])) {
    $d = $relationships['database'][0];
    try {
        $pdo = new PDO("mysql:host={$d['host']};port={$d['port']};dbname={$d['path']}", $d['username'], $d['password']);
        $database = 'connected:' . $pdo->query('SELECT DATABASE()')->fetchColumn();
    } catch (Throwable $e) {
        $database = 'error:' . $e->getMessage();
    }
}
$secret = getenv('SHOP_SECRET');
header('Content-Type: application/json');
echo json_encode([
    'title' => 'Shop',
    'script' => 'index.php',
    'release' => basename(realpath($app)),
    'app_dir' => realpath($app),
    'environment' => getenv('MAGENTO_CLOUD_ENVIRONMENT'),
    'uri' => $_SERVER['REQUEST_URI'] ?? '',
    'routes' => array_keys($routes),
    'database' => $database,
    'secret_sha256' => $secret === false ? null : hash('sha256', $secret),
]);
