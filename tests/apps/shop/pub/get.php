<?php
// Stands in for Magento's media front controller (resizes and serves media it finds).
header('Content-Type: application/json');
echo json_encode(['script' => 'get.php', 'uri' => $_SERVER['REQUEST_URI'] ?? '']);
