<?php echo "media php ran";
