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
// Redis as ece-tools uses it: database 1 (the cache) of the relationship's server. The first environment to
// write "owner" keeps it, so a server shared by two environments shows in the other's page.
function redis_owner(array $r, string $environment): string
{
    $socket = @stream_socket_client("tcp://{$r['host']}:{$r['port']}", $errno, $error, 2);
    if ($socket === false) {
        return "error:$error";
    }
    $call = function (string ...$words) use ($socket) {
        $request = '*' . count($words) . "\r\n";
        foreach ($words as $word) {
            $request .= '$' . strlen($word) . "\r\n$word\r\n";
        }
        fwrite($socket, $request);
        $line = rtrim((string) fgets($socket), "\r\n");
        if ($line === '' || $line[0] === '-') {
            throw new RuntimeException($line);
        }
        if ($line[0] !== '$') {
            return substr($line, 1);
        }
        $length = (int) substr($line, 1);
        return $length < 0 ? null : substr(stream_get_contents($socket, $length + 2), 0, $length);
    };
    try {
        if (($r['password'] ?? '') !== '') {
            $call('AUTH', $r['password']);
        }
        $call('SELECT', '1');
        $call('SET', 'owner', $environment, 'NX');
        return 'owner:' . $call('GET', 'owner');
    } catch (Throwable $e) {
        return 'error:' . $e->getMessage();
    } finally {
        fclose($socket);
    }
}

$environment = (string) getenv('MAGENTO_CLOUD_ENVIRONMENT');
$redis = isset($relationships['redis'][0]) ? redis_owner($relationships['redis'][0], $environment) : 'none';
$secret = getenv('SHOP_SECRET');
header('Content-Type: application/json');
echo json_encode([
    'title' => 'Shop',
    'script' => 'index.php',
    'release' => basename(realpath($app)),
    'app_dir' => realpath($app),
    'environment' => $environment,
    'uri' => $_SERVER['REQUEST_URI'] ?? '',
    'routes' => array_keys($routes),
    'database' => $database,
    'redis' => $redis,
    'secret_sha256' => $secret === false ? null : hash('sha256', $secret),
]);
