# Loads a Vagrantfile with a stand-in for Vagrant.configure that records what it defines, and
# prints it as JSON: box, and per machine its name, hostname, networks, provider settings and
# provisioners. Usage: ruby machines.rb PATH/Vagrantfile
require "json"

class Settings
  attr_reader :values
  def initialize
    @values = {}
  end

  def method_missing(name, *args)
    return super unless name.to_s.end_with?("=")
    @values[name.to_s.chomp("=")] = args[0]
  end

  def respond_to_missing?(name, include_private = false)
    name.to_s.end_with?("=") || super
  end
end

class VmConfig
  attr_accessor :box, :hostname
  attr_reader :networks, :provisions, :defines, :providers, :synced_folders

  def initialize
    @networks = []
    @provisions = []
    @defines = []
    @providers = {}
    @synced_folders = []
  end

  def network(type, **options)
    @networks << { "type" => type.to_s }.merge(options.transform_keys(&:to_s))
  end

  def synced_folder(source, target, **options)
    @synced_folders << { "source" => source, "target" => target }.merge(options.transform_keys(&:to_s))
  end

  def provision(type, **options)
    @provisions << { "type" => type.to_s }.merge(options.transform_keys(&:to_s))
  end

  def provider(name)
    settings = Settings.new
    yield settings
    @providers[name.to_s] = settings.values
  end

  def define(name)
    node = Config.new
    yield node
    @defines << [name.to_s, node]
  end
end

class Config
  attr_reader :vm
  def initialize
    @vm = VmConfig.new
  end
end

module Vagrant
  def self.configure(version)
    raise "unexpected configuration version #{version}" unless version == "2"
    root = Config.new
    yield root
    $recorded = root
  end
end

load ARGV.fetch(0)
root = $recorded
puts JSON.generate(
  "box" => root.vm.box,
  "synced_folders" => root.vm.synced_folders,
  "machines" => root.vm.defines.map do |name, node|
    {
      "name" => name,
      "hostname" => node.vm.hostname,
      "box" => node.vm.box,
      "networks" => node.vm.networks,
      "providers" => node.vm.providers,
      "provisions" => node.vm.provisions,
    }
  end,
)
