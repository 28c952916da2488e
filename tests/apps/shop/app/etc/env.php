<?php
return ['db' => ['connection' => ['default' => ['password' => 'never-served']]]];
