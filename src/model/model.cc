#include "model/model.h"

namespace tw::model {

namespace {
template <class T>
const T* lookup(const Model& m, const std::vector<T>& v, Kind kind, const std::string& id) {
  const IdEntry* e = m.find(id);
  return e && e->kind == kind ? &v[e->index] : nullptr;
}
}  // namespace

const Component* Model::component(const std::string& id) const {
  return lookup(*this, components, Kind::Component, id);
}
const Flow* Model::flow(const std::string& id) const {
  return lookup(*this, flows, Kind::Flow, id);
}
const Asset* Model::asset(const std::string& id) const {
  return lookup(*this, assets, Kind::Asset, id);
}
const Boundary* Model::boundary(const std::string& id) const {
  return lookup(*this, boundaries, Kind::Boundary, id);
}
const Control* Model::control(const std::string& id) const {
  return lookup(*this, controls, Kind::Control, id);
}
const Adversary* Model::adversary(const std::string& id) const {
  return lookup(*this, adversaries, Kind::Adversary, id);
}

const Principal* Model::principal(const std::string& id) const {
  return lookup(*this, principals, Kind::Principal, id);
}

}  // namespace tw::model
