resource "aws_db_instance" "db" {
  publicly_accessible = true
  storage_encrypted   = var.encrypt
  tags = merge({ Name = "${local.p}-db" }, { a = 1 })
}
resource "aws_security_group" "web" {
  ingress {
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_iam_user_policy" "p" {
  policy = <<EOF2
{"Statement": [{"Effect": "Allow", "Action": ["s3:*"], "Resource": "*"}]}
EOF2
}
resource "aws_instance" "app" {
  user_data = "host=${aws_db_instance.db.endpoint}"
}
module "m" { source = "git::ssh://example.com/m.git?ref=v1" }
